using System.Net.Sockets;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>An <see cref="HttpClient"/> that talks to the sidecar's Unix socket (for precise timing in-process).</summary>
internal static class UnixSocketHttp
{
    public static HttpClient Create(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://sidecar/"),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A raw connection, for requests no well-behaved client would send.</summary>
    public static System.Net.Sockets.Socket Connect(string socketPath)
    {
        var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        return socket;
    }
}
