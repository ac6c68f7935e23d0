namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// How many failed attempts the engine's retry schedule allows in a window, derived from that schedule (README,
/// "Refresh engine behaviour"): after failure n the next attempt waits a uniform random time in
/// [0, C(n)], C(n) = min(<see cref="Initial"/> × 2ⁿ, <see cref="Max"/>) ("full jitter").
/// </summary>
/// <remarks>
/// Full jitter has no hard floor, so the bound is a tail bound. Let j be the first n with C(j) ≥ 2T. Failures
/// 0 … j may all fall inside a window of length T (their waits can be short), but each later one needs a wait
/// d(n) ≤ T with n ≥ j, whose probability is at most T / C(n) ≤ 2^−(n−j+1). So more than j + 1 + m failures in T
/// happen with probability at most 2^−(1+2+…+m) = 2^−m(m+1)/2; with m = <see cref="TailAllowance"/> = 5 that is
/// 2^−15 ≈ 3·10⁻⁵. A sidecar that retried at the refresh interval instead would make about T / refresh attempts.
/// </remarks>
internal static class BackoffBound
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);
    public const int TailAllowance = 5;

    /// <summary>C(n): the longest wait after failure number <paramref name="attempt"/> (from 0).</summary>
    public static TimeSpan Ceiling(int attempt)
    {
        double ticks = Initial.Ticks * Math.Pow(2, attempt);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The most failed attempts a window of length <paramref name="window"/> may hold (see remarks).</summary>
    public static int MaxAttempts(TimeSpan window)
    {
        int j = 0;
        while (Ceiling(j) < 2 * window && Ceiling(j) < Max)
        {
            j++;
        }

        // Once waits are capped at Max, every further failure needs a wait ≤ T out of [0, Max]: no tail to lean on.
        if (Ceiling(j) < 2 * window)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "the bound needs a window shorter than half the cap");
        }

        return j + 1 + TailAllowance;
    }
}
