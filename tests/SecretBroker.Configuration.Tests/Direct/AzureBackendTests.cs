using Microsoft.Extensions.Configuration;

using SecretBroker.Azure;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// The direct provider through the real <c>azure-key-vault</c> backend: workload identity against the in-process Entra
/// emulator and bearer-checked Key Vault reads, configured from an appsettings section; and the Key Vault rules on
/// secrets added in code. The emulators' CA is trusted per handler (a process would use <c>SSL_CERT_FILE</c>).
/// </summary>
public sealed class AzureBackendTests() : LocalCloudTest("azure")
{
    [Fact]
    public async Task A_section_naming_azure_key_vault_loads_a_key_of_a_json_secret_and_reloads_its_rotation()
    {
        Cloud.Azure.Vault.Set("hf-token", """{"token":"hf_first"}""");
        var broker = new DirectBroker();
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": {
                  "kv": {{CloudBackendJson.AzureKeyVault(Cloud)}}
                },
                "secrets": [ { "name": "huggingface--token", "backend": "kv", "id": "hf-token", "key": "token", "refresh": "1m" } ]
              }
            }
            """);

        using ConfigurationRoot root = broker.Build(section, b => b.BackendTypes.Add(new EmulatorTrustingAzureType(Cloud.CaCertificatePath)));
        Assert.Equal("hf_first", root["huggingface:token"]);
        Assert.Equal("SecretBroker: 1 secret(s) from kv (azure-key-vault)", root.Providers.Single().ToString());

        using var reloads = new ReloadCounter(root);
        Cloud.Azure.Vault.Set("hf-token", """{"token":"hf_second"}""");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);

        Assert.Equal("hf_second", root["huggingface:token"]);
    }

    [Fact]
    public void Secrets_added_in_code_meet_the_key_vault_rules_at_build()
    {
        var builder = new ConfigurationBuilder().AddSecretBroker(b =>
        {
            b.UseAzureKeyVault();
            b.AddAzureKeyVault("kv", o => o.VaultUri = new Uri("https://myvault.vault.azure.net/"));
            b.AddSecret("a", "kv", "prod/hf-token");
            b.AddSecret("b", "kv", "hf-token", version: "AWSCURRENT");
            b.AddSecret("c", "kv", "hf-token", version: "0123456789abcdef0123456789abcdef");
        });

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => builder.Build());

        Assert.Equal(
            [
                "secrets[0].id: 'prod/hf-token' is not a Key Vault secret name (1 to 127 of 0-9, a-z, A-Z and -)",
                "secrets[1].version: 'AWSCURRENT' is not a Key Vault secret version (32 hexadecimal characters)",
            ],
            error.Errors);
    }

    [Fact]
    public void A_section_secret_key_vault_would_reject_is_named_by_its_path()
    {
        IConfigurationSection section = JsonSection.Of("""
            {
              "SecretBroker": {
                "backends": { "kv": { "type": "azure-key-vault", "vaultUri": "https://myvault.vault.azure.net/" } },
                "secrets": [ { "name": "a", "backend": "kv", "id": "hf_token", "version": "42" } ]
              }
            }
            """);

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder().AddSecretBroker(section, static b => b.UseAzureKeyVault()).Build());

        Assert.Contains(error.Errors, e => e.EndsWith("id: 'hf_token' is not a Key Vault secret name (1 to 127 of 0-9, a-z, A-Z and -)", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.EndsWith("version: '42' is not a Key Vault secret version (32 hexadecimal characters)", StringComparison.Ordinal));
    }
}
