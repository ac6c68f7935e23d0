namespace SecretBroker.Vault;

/// <summary>The login bucket at a moment: how many logins it holds (fractional while refilling) and when that was measured.</summary>
/// <param name="Tokens">Logins available (0 to the burst size).</param>
/// <param name="UpdatedAt">When <paramref name="Tokens"/> was measured.</param>
public readonly record struct VaultLoginBucketState(double Tokens, DateTimeOffset UpdatedAt);
