using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Connection middleware (below HTTP): reads the peer's SO_PEERCRED once per connection and counts open
/// connections. Beyond the cap the connection is still served one HTTP answer — 429 with <c>Connection: close</c> —
/// rather than dropped, so a client learns why.
/// </summary>
internal sealed class SocketConnectionGate(int maxConnections, ILogger logger)
{
    private int _open;

    /// <summary>Connections open right now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>For <c>ListenOptions.Use</c>.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => connection => ServeAsync(connection, next);

    private async Task ServeAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        int open = Interlocked.Increment(ref _open);
        try
        {
            System.Net.Sockets.Socket? socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
            PeerCredentials? peer = socket is null ? null : PeerCredentials.TryRead(socket);
            if (peer is null)
            {
                Log.PeerCredentialsUnavailable(logger);
            }

            bool overCapacity = open > maxConnections;
            if (overCapacity)
            {
                Log.ConnectionLimitReached(logger, open, maxConnections);
            }

            connection.Features.Set(new SocketPeerFeature(peer, overCapacity));
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
