namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>One version of a Key Vault secret: value, content type, attributes (times as the service keeps them) and tags.</summary>
public sealed record VaultSecretVersion
{
    public required string Name { get; init; }

    /// <summary>32 lowercase hex characters, as Key Vault's.</summary>
    public required string Version { get; init; }

    public required string Value { get; init; }
    public string? ContentType { get; init; }
    public bool Enabled { get; init; } = true;
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Updated { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
