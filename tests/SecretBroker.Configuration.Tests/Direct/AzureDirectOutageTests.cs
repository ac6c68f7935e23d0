using Microsoft.Extensions.Configuration;

using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// A Key Vault outage under <c>AddSecretBroker</c> with the real <c>azure-key-vault</c> backend (the direct provider's
/// side of the sidecar's KeyVaultOutage E2E test): every vault read fails through the in-process fault API, refresh
/// cycles fail, the configuration keeps the last good value and says it is stale (EventId 1004, OnRefreshError); a
/// version set during the outage is delivered by the first cycle after it, with one reload. The values are canaries
/// that no log line or exception may contain.
/// </summary>
public sealed class AzureDirectOutageTests() : LocalCloudTest("azure-outage")
{
    private const int RefreshFailed = 1003;

    /// <summary>Every Key Vault read a refresh may use (get, list, list versions).</summary>
    private static readonly string[] ReadOperations = ["GetSecret", "GetSecrets", "GetSecretVersions"];

    [Fact]
    public async Task A_key_vault_outage_keeps_the_last_value_stale_and_the_first_cycle_after_it_reloads_the_new_version_without_logging_a_value()
    {
        string before = Canary("BEFORE");
        string during = Canary("SET_DURING_OUTAGE");
        Cloud.Azure.Vault.Set("hf-token", before);
        var broker = new DirectBroker();
        using ConfigurationRoot root = Build(broker);
        Assert.Equal(before, root["huggingface:token"]);
        using var reloads = new ReloadCounter(root);

        foreach (string operation in ReadOperations)
        {
            Cloud.Faults.Set(operation, new Fault { Kind = FaultKind.ServiceUnavailable });
        }

        Cloud.Azure.Vault.Set("hf-token", during);
        await OutageScene.RideOutAsync(broker, root, "huggingface:token", before);

        long failedReads = ReadOperations.Sum(o => Cloud.Counters.Count("keyvault." + o, "fault:ServiceUnavailable"));
        Assert.True(failedReads >= OutageScene.Cycles, $"every cycle must have met the outage ({failedReads} failed Key Vault reads)");
        Assert.True(broker.Logs.Count(RefreshFailed) >= OutageScene.Cycles, "each failed cycle is logged (EventId 1003)");
        OutageScene.AssertServedStale(broker, reloads, "kv");

        Cloud.Faults.Clear();
        await OutageScene.AssertRecoversAsync(broker, root, reloads, "huggingface:token", before, during);
    }

    private static string Canary(string label) => $"CANARY_{label}_{Guid.NewGuid():N}";

    private ConfigurationRoot Build(DirectBroker broker)
    {
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": {
                  "kv": {{CloudBackendJson.AzureKeyVault(Cloud)}}
                },
                "secrets": [ { "name": "huggingface--token", "backend": "kv", "id": "hf-token", "refresh": "1m" } ]
              }
            }
            """);
        return broker.Build(section, b => b.BackendTypes.Add(new EmulatorTrustingAzureType(Cloud.CaCertificatePath)));
    }
}
