using SecretBroker.Backends;

namespace SecretBroker.Vault.Internal;

/// <summary>One read of one (id, version): the data object's compact JSON, the KV v2 version if any, the lease if dynamic.</summary>
internal sealed record VaultRead(byte[] Data, string? Version, SecretLease? Lease);
