namespace SecretBroker.Configuration.Internal;

/// <summary>An engine generation as the set the key mapping and change detection of both providers work on.</summary>
internal static class GenerationSecrets
{
    public static SecretSet ToSet(SecretGeneration generation) =>
        new(generation.Secrets.ToDictionary(
            static pair => pair.Key,
            static pair => new SecretValue(pair.Value.Value.ToArray(), pair.Value.Version),
            StringComparer.Ordinal));
}
