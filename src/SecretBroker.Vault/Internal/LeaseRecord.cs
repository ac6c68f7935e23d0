namespace SecretBroker.Vault.Internal;

/// <summary>A dynamic lease this backend read: which group it serves, the login generation that read it, what it asked for.</summary>
/// <param name="LeaseId">Vault's lease id.</param>
/// <param name="Group">The read group (id and version selector) it was read for.</param>
/// <param name="Generation">The token generation that read it: a lease dies with its token.</param>
/// <param name="Increment">The lease's first TTL, asked for again at each renewal.</param>
internal sealed record LeaseRecord(string LeaseId, (string Id, string? Version) Group, int Generation, TimeSpan Increment);
