namespace SecretBroker.Testing.Configuration;

/// <summary>The key-mapping settings every SecretBroker configuration provider offers, as the conformance suite asks for them.</summary>
public sealed record ConfigurationProviderSettings
{
    /// <summary>The section every key goes under, or <see langword="null"/> for none.</summary>
    public string? Prefix { get; init; }

    /// <summary>Whether a JSON object value is exposed as a section of its fields.</summary>
    public bool FlattenJson { get; init; }
}
