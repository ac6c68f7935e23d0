using Microsoft.AspNetCore.Connections;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// Connection middleware of the loopback listener: drops a connection that sends nothing within the
/// <see cref="FirstByteDeadline"/>, so silent connections cannot hold the listener's slots (and starve the kubelet's
/// probes) for longer than that.
/// </summary>
internal sealed class LoopbackConnectionGate(FirstByteDeadline firstByte)
{
    /// <summary>Connections the listener holds at once; Kestrel closes any beyond it at once.</summary>
    public const int MaxConnections = 128;

    /// <summary>For <c>ListenOptions.Use</c>.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (!await firstByte.WaitAsync(connection).ConfigureAwait(false))
        {
            connection.Abort(new ConnectionAbortedException("silent connection"));
            return;
        }

        await next(connection).ConfigureAwait(false);
    };
}
