using System.Text.Json.Nodes;

using Microsoft.Extensions.Configuration;

using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Vault;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// Vault sealed under <c>AddSecretBroker</c> with <c>UseVault()</c> (the direct provider's side of the sidecar's
/// VaultSealedTests E2E test): refresh cycles fail, the configuration keeps the last good KV value and says it is stale
/// (EventId 1004, OnRefreshError); unsealed, the first cycle delivers the version written meanwhile, with one reload. The
/// values are canaries that no log line or exception may contain.
/// </summary>
public sealed class VaultDirectSealedTests() : LocalCloudTest("vault-sealed")
{
    [Fact]
    public async Task Sealed_keeps_the_last_value_stale_and_unsealed_the_first_cycle_reloads_the_new_version_without_logging_a_value()
    {
        string before = $"CANARY_BEFORE_{Guid.NewGuid():N}";
        string during = $"CANARY_WRITTEN_WHILE_SEALED_{Guid.NewGuid():N}";
        Cloud.Vault.WriteKv2(string.Empty, "inference/huggingface", new JsonObject { ["token"] = before });
        var broker = new DirectBroker();
        using ConfigurationRoot root = Build(broker);
        Assert.Equal(before, root["huggingface:token"]);
        using var reloads = new ReloadCounter(root);

        Cloud.Vault.Sealed = true;
        int requestsBefore = Cloud.Counters.Log("vault.").Count;
        Cloud.Vault.WriteKv2(string.Empty, "inference/huggingface", new JsonObject { ["token"] = during });
        await OutageScene.RideOutAsync(broker, root, "huggingface:token", before);

        int refused = Cloud.Counters.Log("vault.").Skip(requestsBefore).Count(static r => r.Outcome != "ok");
        Assert.True(refused >= OutageScene.Cycles, $"every cycle must have met the sealed Vault ({refused} refused requests)");
        OutageScene.AssertServedStale(broker, reloads, "vault");

        Cloud.Vault.Sealed = false;
        await OutageScene.AssertRecoversAsync(broker, root, reloads, "huggingface:token", before, during);
    }

    private ConfigurationRoot Build(DirectBroker broker)
    {
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": {
                  "vault": {{CloudBackendJson.Vault(Cloud)}}
                },
                "secrets": [
                  { "name": "huggingface--token", "backend": "vault", "id": "secret/data/inference/huggingface", "key": "token", "refresh": "1m" }
                ]
              }
            }
            """);
        return broker.Build(section, static b => b.UseVault());
    }
}
