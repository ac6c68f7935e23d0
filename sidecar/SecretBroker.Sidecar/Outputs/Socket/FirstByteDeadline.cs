using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Drops a connection that sends nothing within <see cref="Default"/> of connecting. Kestrel's own
/// <c>RequestHeadersTimeout</c> starts only at a request's first byte; before it, the connection is "idle" and only
/// <c>KeepAliveTimeout</c> applies — so without this a silent connection held a slot for that long. Runs on the
/// injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class FirstByteDeadline(TimeSpan deadline, TimeProvider timeProvider)
{
    /// <summary>The shipped deadline: the same 10 s as the header deadline the README promises.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public TimeSpan Deadline => deadline;

    /// <summary>
    /// Waits for the connection's first byte without consuming it (Kestrel reads it next). <see langword="false"/>
    /// when the deadline passed or the peer closed first: the caller drops the connection.
    /// </summary>
    public async Task<bool> WaitAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        PipeReader input = connection.Transport.Input;
        using CancellationTokenSource timeout = new(deadline, timeProvider);
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, connection.ConnectionClosed);
        try
        {
            ReadResult first = await input.ReadAsync(linked.Token).ConfigureAwait(false);
            bool any = !first.Buffer.IsEmpty;
            input.AdvanceTo(first.Buffer.Start);
            return any;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
