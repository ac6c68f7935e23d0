using SecretBroker.Azure;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>An <c>azure-key-vault</c> backend in the sidecar's file: every key read, every bad value named with its key and line.</summary>
public class AzureBackendConfigTests
{
    private const string Azure = """
        backends:
          kv:
            type: azure-key-vault
            vaultUri: https://myvault.vault.azure.net/
        secrets:
          - name: hf-token
            backend: kv
            id: hf-token
            key: token
        outputs:
          files:
            dir: /dev/shm/secretbroker-test
        """;

    private static string With(string lines) =>
        Azure.Replace("    vaultUri: https://myvault.vault.azure.net/\n", "    vaultUri: https://myvault.vault.azure.net/\n" + lines, StringComparison.Ordinal);

    private static string WithSecret(string lines) =>
        Azure.Replace("    key: token\n", "    key: token\n" + lines, StringComparison.Ordinal);

    [Fact]
    public void A_minimal_azure_backend_gets_the_defaults()
    {
        AzureKeyVaultOptions kv = Assert.IsType<AzureKeyVaultOptions>(ConfigFixture.Load(Azure).Backends["kv"].Options);

        Assert.Equal(new Uri("https://myvault.vault.azure.net/"), kv.VaultUri);
        Assert.Equal(AzureIdentityMode.WorkloadIdentity, kv.Identity);
        Assert.Equal(AzureRefreshMode.Get, kv.RefreshMode);
        Assert.Equal(TimeSpan.FromSeconds(10), kv.RequestTimeout);
        Assert.False(kv.AllowFallback);
        Assert.Null(kv.ClientId);
        Assert.Null(kv.TenantId);
        Assert.Null(kv.TokenFile);
        Assert.Null(kv.AuthorityHost);
    }

    [Fact]
    public void Every_key_is_read()
    {
        string config = With("""
                identity: workload-identity
                clientId: 2b7e4f1a-3c5d-4e6f-9a8b-7c6d5e4f3a2b
                tenantId: 6f1c3c2e-9b1a-4d5e-8f70-5e3a2b1c0d9e
                tokenFile: /var/run/secrets/azure/tokens/azure-identity-token
                authorityHost: https://login.microsoftonline.com/
                allowFallback: true
                refreshMode: list
                requestTimeout: 5s

            """);

        AzureKeyVaultOptions kv = Assert.IsType<AzureKeyVaultOptions>(ConfigFixture.Load(config).Backends["kv"].Options);

        Assert.Equal("2b7e4f1a-3c5d-4e6f-9a8b-7c6d5e4f3a2b", kv.ClientId);
        Assert.Equal("6f1c3c2e-9b1a-4d5e-8f70-5e3a2b1c0d9e", kv.TenantId);
        Assert.Equal("/var/run/secrets/azure/tokens/azure-identity-token", kv.TokenFile);
        Assert.Equal(new Uri("https://login.microsoftonline.com/"), kv.AuthorityHost);
        Assert.True(kv.AllowFallback);
        Assert.Equal(AzureRefreshMode.List, kv.RefreshMode);
        Assert.Equal(TimeSpan.FromSeconds(5), kv.RequestTimeout);
    }

    [Fact]
    public void Plain_http_to_a_loopback_vault_is_accepted()
    {
        AzureKeyVaultOptions kv = Assert.IsType<AzureKeyVaultOptions>(
            ConfigFixture.Load(Azure.Replace("https://myvault.vault.azure.net/", "http://127.0.0.1:8443/", StringComparison.Ordinal)).Backends["kv"].Options);

        Assert.Equal(new Uri("http://127.0.0.1:8443/"), kv.VaultUri);
    }

    [Fact]
    public void The_vault_uri_is_required()
    {
        string errors = ConfigFixture.Errors(Azure.Replace("    vaultUri: https://myvault.vault.azure.net/\n", string.Empty, StringComparison.Ordinal));

        Assert.Contains(":2: backends.kv.vaultUri: is required", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://myvault.vault.azure.net/", ":4: backends.kv.vaultUri: must use https (plain http is accepted only for loopback hosts")]
    [InlineData("not a uri", ":4: backends.kv.vaultUri: 'not a uri' is not an absolute http(s) URL")]
    [InlineData("https://myvault.vault.azure.net/secrets/x", ":4: backends.kv.vaultUri: must be the vault's root (e.g. https://myvault.vault.azure.net/): no path, query or fragment")]
    [InlineData("https://myvault.vault.azure.net/?api-version=7.4", ":4: backends.kv.vaultUri: must be the vault's root")]
    public void A_bad_vault_uri_is_named_with_its_line(string uri, string expected)
    {
        string errors = ConfigFixture.Errors(Azure.Replace("https://myvault.vault.azure.net/", uri, StringComparison.Ordinal));

        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity: managed-identity", ":5: backends.kv.identity: 'managed-identity' is not one of: workload-identity")]
    [InlineData("refreshMode: sometimes", ":5: backends.kv.refreshMode: 'sometimes' is not one of: get, list")]
    [InlineData("allowFallback: maybe", ":5: backends.kv.allowFallback: 'maybe' is not a boolean")]
    [InlineData("authorityHost: http://login.example.test/", ":5: backends.kv.authorityHost: must use https")]
    [InlineData("requestTimeout: 20m", ":5: backends.kv.requestTimeout: '00:20:00' is out of range (1s to 10m)")]
    [InlineData("clientId: \"\"", ":5: backends.kv.clientId: must not be empty")]
    [InlineData("region: westeurope", ":5: backends.kv.region: unknown key for a 'azure-key-vault' backend (expected one of: type, vaultUri, identity, clientId, tenantId, tokenFile, authorityHost, allowFallback, refreshMode, requestTimeout)")]
    public void A_bad_backend_value_is_named_with_its_line(string line, string expected)
    {
        string errors = ConfigFixture.Errors(With("    " + line + "\n"));

        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: hf-token", "id: hf_token", ":8: secrets[0].id: 'hf_token' is not a Key Vault secret name (1 to 127 of 0-9, a-z, A-Z and -)")]
    [InlineData("id: hf-token", "id: prod/hf-token", ":8: secrets[0].id: 'prod/hf-token' is not a Key Vault secret name")]
    public void A_secret_id_key_vault_would_reject_is_named_with_its_line(string from, string to, string expected)
    {
        string errors = ConfigFixture.Errors(Azure.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_id_of_128_characters_is_rejected_and_127_accepted()
    {
        Assert.Contains(":8: secrets[0].id: '", ConfigFixture.Errors(Azure.Replace("id: hf-token", "id: " + new string('a', 128), StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(new string('a', 127), Assert.Single(ConfigFixture.Load(Azure.Replace("id: hf-token", "id: " + new string('a', 127), StringComparison.Ordinal)).Secrets).Id);
    }

    [Theory]
    [InlineData("version: 0123456789abcdef", ":10: secrets[0].version: '0123456789abcdef' is not a Key Vault secret version (32 hexadecimal characters)")]
    [InlineData("version: 0123456789abcdef0123456789abcdeg", ":10: secrets[0].version: '0123456789abcdef0123456789abcdeg' is not a Key Vault secret version")]
    [InlineData("version: AWSCURRENT", ":10: secrets[0].version: 'AWSCURRENT' is not a Key Vault secret version")]
    public void A_version_that_is_not_32_hex_characters_is_named_with_its_line(string line, string expected)
    {
        string errors = ConfigFixture.Errors(WithSecret("    " + line + "\n"));

        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pinned_version_of_32_hex_characters_is_accepted()
    {
        SecretDefinition secret = Assert.Single(ConfigFixture.Load(WithSecret("    version: 0123456789abcdef0123456789abcdef\n")).Secrets);

        Assert.Equal("0123456789abcdef0123456789abcdef", secret.Version);
    }

    [Fact]
    public void The_key_vault_rules_apply_only_to_secrets_of_an_azure_backend()
    {
        string config = Azure.Replace("backends:\n", "backends:\n  local: { type: file, path: ./secrets }\n", StringComparison.Ordinal)
            .Replace("    backend: kv\n    id: hf-token", "    backend: local\n    id: hf_token", StringComparison.Ordinal);

        Assert.Equal("hf_token", Assert.Single(ConfigFixture.Load(config).Secrets).Id);
    }
}
