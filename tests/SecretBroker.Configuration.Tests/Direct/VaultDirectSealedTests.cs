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
    private const int Stale = 1004;
    private const int Recovered = 1005;

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

        // Would fail if a failed refresh dropped or blanked the key: it must hold the last value through every cycle.
        Cloud.Vault.Sealed = true;
        int requestsBefore = Cloud.Counters.Log("vault.").Count;
        Cloud.Vault.WriteKv2(string.Empty, "inference/huggingface", new JsonObject { ["token"] = during });
        for (int cycle = 0; cycle < 4; cycle++)
        {
            await broker.RefreshCycleAsync(root);
            Assert.Equal(before, root["huggingface:token"]);
        }

        int refused = Cloud.Counters.Log("vault.").Skip(requestsBefore).Count(static r => r.Outcome != "ok");
        Assert.True(refused >= 4, $"every cycle must have met the sealed Vault ({refused} refused requests)");
        Assert.True(broker.Logs.Count(Stale) >= 1, "the value is reported stale (EventId 1004)");
        Assert.NotEmpty(broker.Errors);
        Assert.All(broker.Errors, e => Assert.Equal("vault", e.Backend));
        Assert.Equal(0, reloads.Count);

        // Would fail if the provider stopped retrying while sealed or missed the version written meanwhile.
        Cloud.Vault.Sealed = false;
        await broker.RefreshCycleAsync(root);
        await reloads.WaitForAsync(1);

        Assert.Equal(during, root["huggingface:token"]);
        Assert.Equal(1, reloads.Count);
        Assert.True(broker.Logs.Count(Recovered) >= 1, "the recovery is reported (EventId 1005)");

        // Would fail if any log line (Trace included) or exception text carried a value.
        CanaryScan.AssertNeverWritten(broker, [before, during]);
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
