using System.Diagnostics;
using System.Net.Sockets;

namespace SecretBroker.Core.Tests.FileBackend;

/// <summary>Non-regular files for tests: a FIFO (mkfifo(1)) and a bound Unix socket.</summary>
internal static class SpecialFiles
{
    public static string Fifo(string path)
    {
        using Process mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>A socket file bound at <paramref name="path"/>; dispose to close it.</summary>
    public static Socket UnixSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }
}
