using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SecretBroker.Configuration.Internal;

namespace SecretBroker.Configuration;

/// <summary>
/// Connects to the sidecar's Unix socket and verifies who serves it: after <c>connect(2)</c>, the serving process's uid
/// (<c>SO_PEERCRED</c>) must be the expected one — the configured uid, else the socket file's owner. A socket with a
/// directory on its path that other users can write to (and that is not sticky), or that another non-root uid owns, is
/// refused when no uid is configured, since anyone who can write there could have renamed the real socket (or its
/// directory) aside and bound their own in its place. Used by the configuration provider and by the <c>secretbroker</c>
/// command line alike. Linux only: elsewhere (a developer's Mac) the connection is made but not verified.
/// </summary>
public static class SidecarSocket
{
    /// <summary>The environment variable naming the sidecar's uid (a whole number), checked against the serving process.</summary>
    public const string UidVariable = "SECRETBROKER_SOCKET_UID";

    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int UcredSize = 12; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
    private const int ENoEnt = 2;
    private const int EAcces = 13;
    private const int ENotDir = 20;

    /// <summary>Parses a uid as <see cref="UidVariable"/> and <c>--socket-uid</c> take it.</summary>
    /// <param name="text">A whole number from 0 to 4294967294.</param>
    /// <param name="uid">The uid when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a uid.</returns>
    public static bool TryParseUid(string? text, out uint uid) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uid) && uid != uint.MaxValue;

    /// <summary>The text for an invalid uid given to <see cref="UidVariable"/> or an option taking the same value.</summary>
    /// <param name="text">The value that is not a uid.</param>
    /// <returns>A complete sentence for a person.</returns>
    public static string InvalidUidMessage(string text) => SidecarSocketMessages.InvalidUid(text);

    /// <summary>Connects to <paramref name="path"/> and checks the serving process's uid.</summary>
    /// <param name="path">The sidecar's socket.</param>
    /// <param name="expectedUid">The sidecar's uid; <see langword="null"/> expects the socket file's owner.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The connected socket; the caller owns it.</returns>
    /// <exception cref="SidecarSocketException">Not reachable, or served by another uid (see <see cref="SidecarSocketException.Failure"/>).</exception>
    public static async Task<Socket> ConnectAsync(string path, uint? expectedUid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // SO_PEERCRED and statx are Linux's; elsewhere (a developer's Mac) the connection is not verified.
        uint? expected = OperatingSystem.IsLinux() ? expectedUid ?? ExpectedOwner(path) : null;
        Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw ConnectFailure(path, e);
            }

            if (expected is { } uid)
            {
                VerifyPeer(socket, path, uid);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The socket file's owner, after checking that its directory keeps other users from replacing it.</summary>
    private static uint ExpectedOwner(string path)
    {
        if (UnixFileStatus.TryRead(path, out int errno) is not { } file)
        {
            throw errno switch
            {
                ENoEnt or ENotDir => new SidecarSocketException(SidecarSocketFailure.NotFound, SidecarSocketMessages.NotFound(path)),
                EAcces => new SidecarSocketException(SidecarSocketFailure.PermissionDenied, SidecarSocketMessages.PermissionDenied(path)),
                _ => new SidecarSocketException(SidecarSocketFailure.Other, SidecarSocketMessages.Other(path, errno)),
            };
        }

        if (file.FileType != UnixFileStatus.SocketType)
        {
            throw new SidecarSocketException(SidecarSocketFailure.NotASocket, SidecarSocketMessages.NotASocket(path));
        }

        // connect(2) follows symlinks: what counts are the directories holding the socket itself, every one of them —
        // whoever can rename any of them aside can put a directory of their own, with their own socket, in its place.
        string target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        for (string? directory = Path.GetDirectoryName(target); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (UnixFileStatus.TryRead(directory, out _) is { } parent
                && ((parent.IsWritableByOthers && !parent.IsSticky) || (parent.Uid != 0 && parent.Uid != file.Uid)))
            {
                // Then owner and peer agree for an impostor too: only a configured uid tells the sidecar apart.
                throw new SidecarSocketException(SidecarSocketFailure.OwnerUnverifiable, SidecarSocketMessages.OwnerUnverifiable(path, directory));
            }
        }

        return file.Uid;
    }

    private static void VerifyPeer(Socket socket, string path, uint expected)
    {
        Span<byte> ucred = stackalloc byte[UcredSize];
        if (socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) < UcredSize)
        {
            throw new SidecarSocketException(SidecarSocketFailure.Impostor, SidecarSocketMessages.PeerUnknown(path));
        }

        int pid = MemoryMarshal.Read<int>(ucred);
        uint uid = MemoryMarshal.Read<uint>(ucred[4..]);
        if (uid != expected)
        {
            throw new SidecarSocketException(SidecarSocketFailure.Impostor, SidecarSocketMessages.Impostor(path, uid, pid, expected));
        }
    }

    private static SidecarSocketException ConnectFailure(string path, SocketException e) => e.SocketErrorCode switch
    {
        // .NET reports ENOENT from connect(2) on a Unix socket as "address not available".
        SocketError.AddressNotAvailable => new(SidecarSocketFailure.NotFound, SidecarSocketMessages.NotFound(path), e),
        SocketError.ConnectionRefused => new(SidecarSocketFailure.NothingListening, SidecarSocketMessages.NothingListening(path), e),
        SocketError.AccessDenied => new(SidecarSocketFailure.PermissionDenied, SidecarSocketMessages.PermissionDenied(path), e),
        _ => new(SidecarSocketFailure.Other, SidecarSocketMessages.Other(path, e.NativeErrorCode), e),
    };
}
