using SecretBroker.Backends;

namespace SecretBroker.Internal;

/// <summary>
/// The engine's mutable record of one secret. Every field except the definition is guarded by the engine's gate;
/// only the cycle that holds <see cref="InFlight"/> changes the value, version and lease, except that the expiry timer
/// withdraws a value whose lease ended (<see cref="ExpiredAt"/>).
/// </summary>
internal sealed class SecretState(SecretDefinition definition, ReadGroup group)
{
    public SecretDefinition Definition { get; } = definition;

    /// <summary>The read this secret shares with every definition of the same backend, id and version selector.</summary>
    public ReadGroup Group { get; } = group;

    public BackendRuntime Backend => Group.Backend;

    public string Name => Definition.Name;

    /// <summary>The entry in the last published generation; <see langword="null"/> until first loaded.</summary>
    public SecretEntry? Entry { get; set; }

    /// <summary>
    /// When the lease of the value this secret was withdrawn for ended; <see langword="null"/> unless it is withdrawn
    /// (then <see cref="Entry"/> is <see langword="null"/> until a refresh brings a value with a live lease back).
    /// </summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    /// <summary>Last confirmation by the backend; kept here so that a confirmation alone does not publish.</summary>
    public DateTimeOffset FetchedAt { get; set; }

    /// <summary>The lease of this secret's read, which it shares with its group.</summary>
    public SecretLease? Lease
    {
        get => Group.Lease;
        set => Group.Lease = value;
    }

    /// <summary>When this secret is next refreshed (or retried).</summary>
    public DateTimeOffset NextDue { get; set; }

    /// <summary>Consecutive failures; 0 after any success.</summary>
    public int Attempt { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Failed while its backend was throttled: the next successful refresh schedules the one after it at 0.5–1.0 × the
    /// interval, so a fleet that came back bunched spreads out.
    /// </summary>
    public bool Throttled { get; set; }

    /// <summary>The refresh under way, which every caller for this secret joins (single flight).</summary>
    public TaskCompletionSource<SecretRefreshOutcome>? InFlight { get; set; }
}
