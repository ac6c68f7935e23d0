namespace SecretBroker.Configuration.Internal;

/// <summary>Capped exponential delay with full jitter, for reconnecting to the sidecar.</summary>
internal sealed class RetryDelay(TimeSpan initial, TimeSpan max)
{
    private int _attempt;

    public TimeSpan Next()
    {
        double ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;

        // At least a tenth of the ceiling: full jitter, but never a hot loop against a dead socket.
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds(ceiling * (0.1 + (0.9 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }

    public void Reset() => _attempt = 0;
}
