namespace SecretBroker;

/// <summary>
/// Capped exponential backoff with full jitter (the AWS Architecture Blog's "full jitter"): the n-th consecutive
/// failure waits a uniformly random time in [0, min(max, initial × 2^n)], so a fleet that failed together does not
/// retry together. The one backoff of SecretBroker: the refresh engine retries backends with it, and the sidecar
/// configuration provider reconnects with it.
/// </summary>
/// <remarks>
/// <see cref="JitterFloor"/> raises the lower end of the range to a fraction of the ceiling, for a caller that must
/// never retry at once (a reconnect loop against a dead socket would otherwise spin when the draw is near 0).
/// </remarks>
public sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private readonly double _jitterFloor;

    /// <summary>Creates a backoff.</summary>
    /// <param name="initial">The ceiling after the first failure (attempt 0); must be positive.</param>
    /// <param name="max">The cap on every ceiling; at least <paramref name="initial"/>.</param>
    /// <param name="random">The jitter source. <see cref="Random.Shared"/> is thread-safe; a seeded one makes tests repeatable.</param>
    public ExponentialBackoff(TimeSpan initial, TimeSpan max, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentNullException.ThrowIfNull(random);
        _initial = initial;
        _max = max;
        _random = random;
    }

    /// <summary>
    /// The shortest delay, as a fraction of the ceiling (0 to 1): a delay is drawn from [floor × ceiling, ceiling].
    /// Default 0 (full jitter).
    /// </summary>
    public double JitterFloor
    {
        get => _jitterFloor;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            _jitterFloor = value;
        }
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
    /// The delay before retrying after failure number <paramref name="attempt"/> (counted from 0; start again at 0 after
    /// a success); never shorter than <paramref name="retryAfter"/> when the backend asked for one. Thread-safe when the
    /// random source is (<see cref="Random.Shared"/> is; a seeded <see cref="Random"/> is not).
    /// </summary>
    public TimeSpan NextDelay(int attempt, TimeSpan? retryAfter = null)
    {
        // With the default floor of 0 this is exactly random × ceiling (full jitter).
        double fraction = _jitterFloor + ((1 - _jitterFloor) * _random.NextDouble());
        TimeSpan delay = TimeSpan.FromTicks((long)(fraction * Ceiling(attempt).Ticks));
        return retryAfter is { } wait && wait > delay ? wait : delay;
    }
}
