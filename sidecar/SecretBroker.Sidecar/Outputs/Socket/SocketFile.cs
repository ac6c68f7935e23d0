using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The socket file's life: its directories (created with an explicit mode, checked by <see cref="SocketDirectoryPolicy"/>),
/// the <see cref="SocketLock"/>, clearing a stale socket before bind, binding under a restrictive umask, then group and
/// mode, and removal at shutdown.
/// </summary>
/// <remarks>
/// Why a umask and not "bind, then chmod": <c>bind(2)</c> creates the file with <c>0777 &amp; ~umask</c>, and with a
/// container's usual umask of 0 that would leave it connectable by anyone until the chmod. Binding under umask 0177
/// creates it 0600 (owner only); the group is set next and the configured mode last, so at no instant is the socket
/// wider than configured. The umask is process-wide: the socket output starts before any other output or the engine,
/// and the files writer sets exact modes explicitly anyway, so the brief change cannot leak into other files.
/// </remarks>
internal static class SocketFile
{
    /// <summary>umask that makes <c>bind(2)</c> create the socket 0600.</summary>
    public const uint BindUmask = 0b001_111_111; // 0177

    /// <summary>Mode of a directory the sidecar creates for the socket: 0755, or 0750 when a group is set (and given it).</summary>
    public static UnixFileMode CreatedDirectoryMode(int? group) => group is null
        ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <summary>
    /// Makes <paramref name="settings"/>' path free for bind: creates missing directories with an explicit mode, refuses a
    /// directory others could replace the socket in (<see cref="SocketDirectoryPolicy"/>), takes the <see cref="SocketLock"/>,
    /// removes a stale socket and refuses anything else. The caller keeps the returned lock until the socket is removed.
    /// </summary>
    public static ExclusiveLockFile PrepareForBind(Configuration.SocketOutputSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string path = settings.Path;
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            CreateDirectories(directory, settings.Group);
        }

        IReadOnlyList<string> problems = SocketDirectoryPolicy.Problems(settings);
        if (problems.Count > 0)
        {
            throw new SocketPathException(string.Join('\n', problems));
        }

        ExclusiveLockFile held = SocketLock.Acquire(path);
        try
        {
            RemoveStale(path, logger);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Sets the group (when given), then the configured mode, on the freshly bound socket.</summary>
    public static void ApplyAccess(string path, UnixFileMode mode, int? group)
    {
        try
        {
            if (group is { } gid)
            {
                LibC.SetGroup(path, gid);
            }

            File.SetUnixFileMode(path, mode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SocketPathException(SocketMessages.CannotSetAccess(path), e);
        }
    }

    /// <summary>Removes the socket file if it is still a socket (never anything that replaced it).</summary>
    public static void Remove(string path)
    {
        try
        {
            if (LibC.GetFileType(path) == LibC.SocketFileType)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort at shutdown: the next start removes a stale socket anyway.
        }
    }

    private static void RemoveStale(string path, ILogger logger)
    {
        int? type = LibC.GetFileType(path);
        if (type is null)
        {
            return;
        }

        if (type != LibC.SocketFileType)
        {
            throw new SocketPathException(SocketMessages.NotASocket(path));
        }

        if (IsListening(path))
        {
            throw new SocketPathException(SocketMessages.ServedByOther(path));
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SocketPathException(SocketMessages.CannotRemoveStale(path), e);
        }

        Log.StaleSocketRemoved(logger, path);
    }

    /// <summary>
    /// Creates each missing directory 0700 (whatever the umask, it can only narrow that), gives it the group, then the
    /// final mode: at no instant is a directory wider than intended.
    /// </summary>
    private static void CreateDirectories(string directory, int? group)
    {
        Stack<string> missing = new();
        for (string? current = directory; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out string? created))
        {
            try
            {
                Directory.CreateDirectory(created, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                if (group is { } gid)
                {
                    LibC.SetGroup(created, gid);
                }

                File.SetUnixFileMode(created, CreatedDirectoryMode(group));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SocketPathException(SocketMessages.CannotCreate(created), e);
            }
        }
    }

    private static bool IsListening(string path)
    {
        using System.Net.Sockets.Socket probe = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
