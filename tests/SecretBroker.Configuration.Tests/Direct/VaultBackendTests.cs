using System.Text.Json.Nodes;

using Microsoft.Extensions.Configuration;

using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Vault;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// The direct provider through the real <c>vault</c> backend, configured from an appsettings section (nested
/// <c>auth</c>): a Kubernetes login against the in-process Vault emulator, a KV v2 field that reloads when a new version
/// is written, and a dynamic credential whose two fields come from one lease (a pair the database accepts).
/// </summary>
public sealed class VaultBackendTests() : LocalCloudTest("vault")
{
    [Fact]
    public async Task A_section_naming_vault_loads_kv_and_a_lease_and_reloads_a_new_kv_version()
    {
        Cloud.Vault.WriteKv2(string.Empty, "inference/huggingface", new JsonObject { ["token"] = "hf_first" });
        var broker = new DirectBroker();
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": {
                  "vault": {{CloudBackendJson.Vault(Cloud)}}
                },
                "secrets": [
                  { "name": "huggingface--token", "backend": "vault", "id": "secret/data/inference/huggingface", "key": "token", "refresh": "1m" },
                  { "name": "db--username", "backend": "vault", "id": "database/creds/readonly", "key": "username" },
                  { "name": "db--password", "backend": "vault", "id": "database/creds/readonly", "key": "password" }
                ]
              }
            }
            """);

        using ConfigurationRoot root = broker.Build(section, static b => b.UseVault());

        Assert.Equal("hf_first", root["huggingface:token"]);
        Assert.True(Cloud.Vault.CredentialsValid(root["db:username"]!, root["db:password"]!), "both fields from one live lease");
        Assert.Equal("SecretBroker: 3 secret(s) from vault (vault)", root.Providers.Single().ToString());

        using var reloads = new ReloadCounter(root);
        Cloud.Vault.WriteKv2(string.Empty, "inference/huggingface", new JsonObject { ["token"] = "hf_second" });
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);

        Assert.Equal("hf_second", root["huggingface:token"]);
        Assert.Single(Cloud.Vault.Tokens());
    }
}
