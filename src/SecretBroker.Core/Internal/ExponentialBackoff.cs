namespace SecretBroker.Internal;

/// <summary>
/// Capped exponential backoff with full jitter (the AWS Architecture Blog's "full jitter"): the n-th consecutive
/// failure waits a uniformly random time in [0, min(max, initial × 2^n)], so a fleet that failed together does not
/// retry together.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentNullException.ThrowIfNull(random);
        _initial = initial;
        _max = max;
        _random = random;
    }

    /// <summary>The upper bound of the delay after failure number <paramref name="attempt"/> (counted from 0).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);

        // Computed in double so that 2^attempt cannot overflow; anything past the cap is the cap.
        double ticks = _initial.Ticks * Math.Pow(2, attempt);
        return ticks >= _max.Ticks ? _max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The delay before retrying after failure number <paramref name="attempt"/>; never shorter than
    /// <paramref name="retryAfter"/> when the backend asked for one. Not thread-safe (the random source is not).
    /// </summary>
    public TimeSpan NextDelay(int attempt, TimeSpan? retryAfter = null)
    {
        TimeSpan delay = TimeSpan.FromTicks((long)(_random.NextDouble() * Ceiling(attempt).Ticks));
        return retryAfter is { } wait && wait > delay ? wait : delay;
    }
}
