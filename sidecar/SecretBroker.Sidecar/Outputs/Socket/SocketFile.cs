using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The socket file's life: clearing a stale socket before bind, binding under a restrictive umask, then group and mode,
/// and removal at shutdown.
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

    /// <summary>Makes <paramref name="path"/> free for bind: creates the directory, removes a stale socket, refuses anything else.</summary>
    public static void PrepareForBind(string path, ILogger logger)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        int? type = LibC.GetFileType(path);
        if (type is null)
        {
            return;
        }

        if (type != LibC.SocketFileType)
        {
            throw new SocketPathException($"'{path}' exists and is not a socket; refusing to replace it (remove it or choose another outputs.socket.path)");
        }

        if (IsListening(path))
        {
            throw new SocketPathException($"'{path}' is served by another running process; refusing to take it over");
        }

        File.Delete(path);
        Log.StaleSocketRemoved(logger, path);
    }

    /// <summary>Sets the group (when given), then the configured mode, on the freshly bound socket.</summary>
    public static void ApplyAccess(string path, UnixFileMode mode, int? group)
    {
        if (group is { } gid)
        {
            LibC.SetGroup(path, gid);
        }

        File.SetUnixFileMode(path, mode);
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
