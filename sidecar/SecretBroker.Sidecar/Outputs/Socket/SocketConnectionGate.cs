using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Connection middleware (below HTTP): counts the connection in the <see cref="SocketConnectionBudget"/>, reads the
/// peer's SO_PEERCRED once, and drops a connection that sends nothing within the <see cref="FirstByteDeadline"/>.
/// Whether a request is over capacity is decided per request by the handler (long polls have their own budget).
/// </summary>
internal sealed class SocketConnectionGate(SocketConnectionBudget budget, FirstByteDeadline firstByte, ILogger logger)
{
    /// <summary>For <c>ListenOptions.Use</c>.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => connection => ServeAsync(connection, next);

    private async Task ServeAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        budget.ConnectionOpened();
        try
        {
            if (!await firstByte.WaitAsync(connection).ConfigureAwait(false))
            {
                Log.SilentConnectionDropped(logger, firstByte.Deadline.TotalSeconds);
                connection.Abort(new ConnectionAbortedException("silent connection"));
                return;
            }

            System.Net.Sockets.Socket? socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
            PeerCredentials? peer = socket is null ? null : PeerCredentials.TryRead(socket);
            if (peer is null)
            {
                Log.PeerCredentialsUnavailable(logger);
            }

            connection.Features.Set(new SocketPeerFeature(peer));
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            budget.ConnectionClosed();
        }
    }
}
