using SecretBroker.Backends;

namespace SecretBroker.Internal;

/// <summary>
/// The definitions that read the same thing: one backend, one <see cref="SecretDefinition.Id"/> and one
/// <see cref="SecretDefinition.Version"/> selector (compared ordinally; a backend's default stage spelled out is a
/// different selector). The engine moves a group as a unit: claimed, fetched in one backend call, leased, renewed and
/// published together, so fields of one secret never come from different reads.
/// </summary>
internal sealed class ReadGroup(BackendRuntime backend)
{
    public BackendRuntime Backend { get; } = backend;

    /// <summary>The definitions of this read, in definition order.</summary>
    public List<SecretState> Members { get; } = [];

    /// <summary>The one lease of this read (every member was served from it). Guarded by the engine's gate.</summary>
    public SecretLease? Lease { get; set; }

    /// <summary>
    /// When <see cref="Lease"/> ends: the time the backend was asked for it plus its <see cref="SecretLease.Duration"/>
    /// (the earliest it can end, so the engine never serves past it); <see langword="null"/> without a lease of positive
    /// duration (such a value never expires). Guarded by the engine's gate.
    /// </summary>
    public DateTimeOffset? LeaseEndsAt { get; set; }

    /// <summary>The names of the members, for log lines about the whole read.</summary>
    public string Names => string.Join(", ", Members.Select(static m => m.Name));

    /// <summary>What makes two definitions of one backend the same read.</summary>
    public static (string Id, string? Version) KeyOf(SecretDefinition definition) => (definition.Id, definition.Version);
}
