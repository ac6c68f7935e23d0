namespace SecretBroker.Settings;

/// <summary>The validated <c>backends:</c> and <c>secrets:</c> settings, the schema both front doors share.</summary>
/// <param name="Backends">Backends by name.</param>
/// <param name="Secrets">Secrets in the order written; names unique, each naming a defined backend.</param>
public sealed record SecretBrokerSettings(IReadOnlyDictionary<string, ConfiguredBackend> Backends, IReadOnlyList<ConfiguredSecret> Secrets);
