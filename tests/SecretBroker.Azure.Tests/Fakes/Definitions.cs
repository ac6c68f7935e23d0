namespace SecretBroker.Azure.Tests.Fakes;

internal static class Definitions
{
    public static SecretDefinition Secret(string id, string? name = null, string? version = null, string? key = null) =>
        new(name ?? id, "kv", id, TimeSpan.FromMinutes(5)) { Version = version, Key = key };
}
