namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>
/// A change to a version's properties (a PATCH, or the admin API): each non-null member replaces the stored one.
/// <see cref="ClearNotBefore"/>/<see cref="ClearExpires"/> remove a time (JSON <c>null</c>).
/// </summary>
public sealed record VaultSecretAttributes
{
    public bool? Enabled { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public bool ClearNotBefore { get; init; }
    public bool ClearExpires { get; init; }
    public string? ContentType { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
