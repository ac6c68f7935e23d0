namespace SecretBroker.Backends;

/// <summary>A lease on a dynamic secret (Vault): the value is valid for <see cref="Duration"/> from when it was issued.</summary>
/// <param name="Id">The backend's lease id.</param>
/// <param name="Duration">Time to live granted.</param>
/// <param name="Renewable">Whether the lease may be extended instead of fetching a new value.</param>
public sealed record SecretLease(string Id, TimeSpan Duration, bool Renewable)
{
    /// <summary>
    /// How long before the lease ends a fresh value should be in place, for a value that is only good until then (an
    /// exchanged access token: Hugging Face asks for 5 minutes). When set, the lease alone schedules the next refresh, at
    /// <see cref="Duration"/> minus this margin, or at <see cref="SecretRefreshEngineOptions.LeaseRenewFraction"/> of
    /// <see cref="Duration"/> when that comes later (a lease too short for the margin); the secret's own refresh interval
    /// does not apply, since reading earlier would only mint another copy. <see langword="null"/> (the default): renewed
    /// or refetched at <see cref="SecretRefreshEngineOptions.LeaseRenewFraction"/> of <see cref="Duration"/>, or at the
    /// secret's refresh interval when that comes first.
    /// </summary>
    public TimeSpan? RefreshAhead { get; init; }

    /// <summary>
    /// How much earlier than its computed point this lease is renewed, as a fraction of that point (0 to 0.5): a backend
    /// draws it per lease so a fleet that read its leases together does not renew them together (Vault's own
    /// LifetimeWatcher renews 10–20 % early). 0 (the default): exactly at the point.
    /// </summary>
    public double RenewEarly { get; init; }
}
