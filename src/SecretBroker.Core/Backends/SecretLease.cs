namespace SecretBroker.Backends;

/// <summary>A lease on a dynamic secret (Vault): the value is valid for <see cref="Duration"/> from when it was issued.</summary>
/// <param name="Id">The backend's lease id.</param>
/// <param name="Duration">Time to live granted.</param>
/// <param name="Renewable">Whether the lease may be extended instead of fetching a new value.</param>
public sealed record SecretLease(string Id, TimeSpan Duration, bool Renewable);
