namespace SecretBroker;

// Disposal: cancel the loops and every flight, wait for them, and fail outstanding waiters.
public sealed partial class SecretRefreshEngine
{
    private bool _disposed;

    private bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>
    /// Stops the background loops and waits for them and for any refresh under way; no backend call starts
    /// afterwards. Pending <see cref="WaitForGenerationAsync"/> calls fail with <see cref="ObjectDisposedException"/>.
    /// Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            pending = [.. _loops, .. _states.Where(static s => s.InFlight is not null).Select(static s => s.InFlight!.Task)];
            _signal.Close();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);

        // Loops end quietly on cancellation; flights end cancelled. Neither outcome matters here.
        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _metrics.Dispose();
    }

    /// <summary>Stops the background loops, blocking until they end. See <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
