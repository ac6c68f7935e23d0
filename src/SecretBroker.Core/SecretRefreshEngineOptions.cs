namespace SecretBroker;

/// <summary>Tuning for <see cref="SecretRefreshEngine"/>. The defaults suit production; validated when the engine is built.</summary>
public sealed class SecretRefreshEngineOptions
{
    /// <summary>Refresh intervals are spread by ± this fraction so pods do not refresh in lock step. Default 0.10; range 0–0.5.</summary>
    public double RefreshJitter { get; set; } = 0.10;

    /// <summary>First retry delay after a transient failure (before jitter). Default 1 s; at least 10 ms.</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the exponential retry delay. Default 5 min; at least <see cref="BackoffInitial"/>.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest retry delay after a permanent failure (not found, access denied): such a secret is retried after
    /// its own refresh interval, but at least 30 s apart and at most this long. Default 5 min.
    /// </summary>
    public TimeSpan PermanentFailureRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A leased value is renewed (or refetched) after this fraction of its TTL. Default 2/3; range 0.1–0.9.</summary>
    public double LeaseRenewFraction { get; set; } = 2.0 / 3.0;

    /// <summary>
    /// When a backend's refresh comes due, secrets due within this fraction of their own interval are refreshed in the
    /// same cycle, so that batches stay full and related secrets land in one generation. Default 0.25; range 0–0.5.
    /// </summary>
    public double CoalesceFraction { get; set; } = 0.25;

    /// <summary>Source of randomness for jitter; tests set a seeded one.</summary>
    internal Random Random { get; set; } = Random.Shared;
}
