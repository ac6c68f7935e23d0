namespace SecretBroker.Vault.Tests.Infrastructure;

internal static class Definitions
{
    public static SecretDefinition Secret(string name, string id, string? key = null, string? version = null) =>
        new(name, "vault", id, TimeSpan.FromMinutes(5)) { Key = key, Version = version };
}
