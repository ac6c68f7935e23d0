using SecretBroker.Backends;

namespace SecretBroker.Azure.Tests;

/// <summary>Options set in code meet the same rules as the YAML keys, and the backend refuses what the validator refuses.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Valid_options_have_no_problem()
    {
        Assert.Empty(Problems(new AzureKeyVaultOptions { VaultUri = new Uri("https://myvault.vault.azure.net/") }));
        Assert.Empty(Problems(new AzureKeyVaultOptions { VaultUri = new Uri("http://127.0.0.1:8443/"), AuthorityHost = new Uri("http://localhost:9000/") }));
    }

    [Fact]
    public void Every_bad_option_is_named_by_its_key()
    {
        var options = new AzureKeyVaultOptions
        {
            VaultUri = new Uri("http://myvault.vault.azure.net/"),
            Identity = (AzureIdentityMode)7,
            AuthorityHost = new Uri("http://login.example.test/"),
            TokenFile = "relative/token",
            RequestTimeout = TimeSpan.FromMilliseconds(10),
        };

        Assert.Equal(["vaultUri", "identity", "authorityHost", "tokenFile", "requestTimeout"], Problems(options).Select(static p => p.Key));
    }

    [Theory]
    [InlineData(null, "vaultUri: is required")]
    [InlineData("https://myvault.vault.azure.net/secrets", "vaultUri: must be the vault's root")]
    [InlineData("https://myvault.vault.azure.net/?x=1", "vaultUri: must be the vault's root")]
    [InlineData("https://myvault.vault.azure.net/#f", "vaultUri: must be the vault's root")]
    [InlineData("ftp://myvault.vault.azure.net/", "vaultUri: 'ftp://myvault.vault.azure.net/' is not an absolute https URL")]
    public void The_vault_uri_is_https_to_the_vault_root(string? uri, string expected)
    {
        var options = new AzureKeyVaultOptions { VaultUri = uri is null ? null : new Uri(uri) };

        Assert.StartsWith(expected, Assert.Single(Problems(options)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_backend_refuses_plain_http_to_a_remote_vault_naming_the_setting()
    {
        var options = new AzureKeyVaultOptions { VaultUri = new Uri("http://myvault.vault.azure.net/") };

        ArgumentException error = Assert.Throws<ArgumentException>(() => new AzureKeyVaultBackend(options));

        Assert.StartsWith("azure-key-vault: vaultUri must use https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_rules_accept_key_vault_names_and_32_hex_versions_only()
    {
        static string[] Keys(string id, string? version) =>
            [.. AzureKeyVaultBackendType.Instance.SecretProblems(new SecretDefinition("s", "kv", id, TimeSpan.FromMinutes(5)) { Version = version }).Select(static p => p.Key)];

        Assert.Empty(Keys("hf-token", null));
        Assert.Empty(Keys("A-1", "0123456789ABCDEF0123456789abcdef"));
        Assert.Equal(["id"], Keys("hf.token", null));
        Assert.Equal(["id"], Keys(new string('x', 128), null));
        Assert.Equal(["version"], Keys("hf-token", "0123456789abcdef0123456789abcde"));
        Assert.Equal(["id", "version"], Keys("a b", "latest"));
    }

    private static IEnumerable<SecretBackendSettingProblem> Problems(AzureKeyVaultOptions options) =>
        AzureKeyVaultBackendType.Instance.Validate(options);
}
