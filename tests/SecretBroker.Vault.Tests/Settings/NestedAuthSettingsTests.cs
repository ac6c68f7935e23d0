using System.Text;
using Microsoft.Extensions.Configuration;
using SecretBroker.Backends;
using SecretBroker.Configuration;
using SecretBroker.Emulators;
using SecretBroker.Settings;

namespace SecretBroker.Vault.Tests.Settings;

/// <summary>
/// The contract's nested <c>auth:</c> mapping: the shared settings reader flattens it into <c>auth.method</c>… with each
/// key's own line (the sidecar's YAML), and <c>AddSecretBroker</c>'s section binding does the same with <c>auth:method</c>.
/// </summary>
public sealed class NestedAuthSettingsTests
{
    private static SettingsScalar S(int line, string? value) => new(line, value);

    private static KeyValuePair<SettingsScalar, SettingsNode> E(int line, string key, SettingsNode value) => new(S(line, key), value);

    private static SettingsMapping Map(int line, params KeyValuePair<SettingsScalar, SettingsNode>[] entries) => new(line, entries);

    /// <summary>backends: (line 1) / vault: (2) / type, address (3, 4) / auth: (5) with the given entries from line 6.</summary>
    private static (SecretBrokerSettings? Settings, List<SettingsError> Errors) Read(params KeyValuePair<SettingsScalar, SettingsNode>[] auth)
    {
        SettingsMapping backends = Map(1, E(2, "vault", Map(3,
            E(3, "type", S(3, "vault")),
            E(4, "address", S(4, "https://vault.example:8200")),
            E(5, "auth", Map(6, auth)))));
        SettingsSequence secrets = new(20, [Map(21,
            E(21, "name", S(21, "db")),
            E(22, "backend", S(22, "vault")),
            E(23, "id", S(23, "secret/data/app/db")))]);
        var catalog = new SecretBackendCatalog().Add(VaultBackendType.Instance);
        List<SettingsError> errors = [];
        SecretBrokerSettings? settings = new SecretBrokerSettingsReader(catalog, "/etc/secretbroker").Read(backends, secrets, string.Empty, errors);
        return (settings, errors);
    }

    [Fact]
    public void A_nested_auth_mapping_binds_as_dotted_keys()
    {
        (SecretBrokerSettings? settings, List<SettingsError> errors) = Read(
            E(6, "method", S(6, "jwt")),
            E(7, "role", S(7, "inference")),
            E(8, "mount", S(8, "jwt-prod")),
            E(9, "tokenFile", S(9, "tokens/vault")));

        Assert.Empty(errors);
        var options = (VaultOptions)settings!.Backends["vault"].Options;
        Assert.Equal(VaultAuthMethod.Jwt, options.AuthMethod);
        Assert.Equal("inference", options.Role);
        Assert.Equal("jwt-prod", options.AuthMount);
        Assert.Equal("/etc/secretbroker/tokens/vault", options.TokenFile);
    }

    [Fact]
    public void An_unknown_nested_key_is_reported_with_its_line_and_dotted_path()
    {
        (_, List<SettingsError> errors) = Read(
            E(6, "method", S(6, "kubernetes")),
            E(7, "role", S(7, "inference")),
            E(8, "rol", S(8, "typo")));

        SettingsError error = Assert.Single(errors);
        Assert.Equal(8, error.Line);
        Assert.Equal("backends.vault.auth.rol", error.Path);
        Assert.Contains("auth.method", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_method_is_reported_at_its_line_and_a_missing_role_at_the_backend()
    {
        (_, List<SettingsError> errors) = Read(E(6, "method", S(6, "approle")));

        Assert.Collection(
            errors.OrderBy(e => e.Line),
            e => Assert.Equal((2, "backends.vault.auth.role", "is required"), (e.Line, e.Path, e.Problem)),
            e =>
            {
                Assert.Equal((6, "backends.vault.auth.method"), (e.Line, e.Path));
                Assert.Contains("kubernetes", e.Problem, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void A_mapping_under_a_key_that_has_no_nested_keys_is_a_value_of_the_wrong_kind()
    {
        SettingsMapping backends = Map(1, E(2, "vault", Map(3,
            E(3, "type", S(3, "vault")),
            E(4, "address", Map(5, E(5, "url", S(5, "https://vault.example:8200")))),
            E(6, "auth", Map(7, E(7, "method", S(7, "kubernetes")), E(8, "role", S(8, "r")))))));
        List<SettingsError> errors = [];
        new SecretBrokerSettingsReader(new SecretBackendCatalog().Add(VaultBackendType.Instance), "/").Read(backends, new SettingsSequence(20, []), string.Empty, errors);

        SettingsError error = Assert.Single(errors, e => e.Path == "backends.vault.address");
        Assert.Equal(4, error.Line);
        Assert.Equal("expected a single value, found a mapping", error.Problem);
    }

    [Fact]
    public void A_secret_path_problem_names_the_key_and_its_line()
    {
        SettingsMapping backends = Map(1, E(2, "vault", Map(3,
            E(3, "type", S(3, "vault")),
            E(4, "address", S(4, "https://vault.example:8200")),
            E(5, "auth", Map(6, E(6, "method", S(6, "kubernetes")), E(7, "role", S(7, "r")))))));
        SettingsSequence secrets = new(20, [Map(21,
            E(21, "name", S(21, "db")),
            E(22, "backend", S(22, "vault")),
            E(23, "id", S(23, "kv/app/db")),
            E(24, "version", S(24, "3")))]);
        List<SettingsError> errors = [];
        new SecretBrokerSettingsReader(new SecretBackendCatalog().Add(VaultBackendType.Instance), "/").Read(backends, secrets, string.Empty, errors);

        SettingsError error = Assert.Single(errors);
        Assert.Equal(24, error.Line);
        Assert.Contains("only for KV v2", error.Problem, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("SecretBroker");

    [Fact]
    public void AddSecretBroker_reports_an_unknown_nested_key_by_its_configuration_path()
    {
        IConfigurationSection section = Section("""
            { "SecretBroker": {
                "backends": { "v": { "type": "vault", "address": "https://vault.example:8200",
                                     "auth": { "method": "kubernetes", "role": "r", "rol": "typo" } } },
                "secrets": [ { "name": "db", "backend": "v", "id": "secret/data/app/db" } ] } }
            """);

        var e = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder().AddSecretBroker(section, b => b.UseVault()).Build());

        string error = Assert.Single(e.Errors);
        Assert.StartsWith("SecretBroker:backends:v:auth:rol: unknown key", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecretBroker_names_a_missing_nested_key_in_its_own_separator()
    {
        IConfigurationSection section = Section("""
            { "SecretBroker": {
                "backends": { "v": { "type": "vault", "address": "http://vault.example:8200", "auth": { "method": "kubernetes" } } },
                "secrets": [ { "name": "db", "backend": "v", "id": "secret/data/app/db" } ] } }
            """);

        var e = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder().AddSecretBroker(section, b => b.UseVault()).Build());

        Assert.Contains("SecretBroker:backends:v:auth:role: is required", e.Errors);
        Assert.Contains(e.Errors, error => error.StartsWith("SecretBroker:backends:v:address: must use https", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSecretBroker_binds_nested_auth_keys_and_loads_from_vault()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("sb-vault-direct-");
        try
        {
            await using LocalCloud cloud = await LocalCloud.StartAsync(new LocalCloudOptions { StateDirectory = dir.FullName });
            cloud.Vault.WriteKv2(string.Empty, "app/db", new System.Text.Json.Nodes.JsonObject { ["password"] = "p1", ["user"] = "app" });
            IConfigurationSection section = Section($$"""
                { "SecretBroker": {
                    "backends": { "v": { "type": "vault", "address": "{{cloud.VaultUrl}}",
                                         "auth": { "method": "kubernetes", "role": "sidecar", "tokenFile": "{{cloud.VaultToken.Path}}" } } },
                    "secrets": [ { "name": "db--password", "backend": "v", "id": "secret/data/app/db", "key": "password" } ] } }
                """);

            using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, b => b.UseVault()).Build();

            Assert.Equal("p1", root["db:password"]);
            Assert.Equal(1, cloud.Counters.Count("vault.VaultLogin", "ok"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
