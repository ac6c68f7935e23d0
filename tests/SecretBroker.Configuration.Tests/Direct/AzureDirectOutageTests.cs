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
    private const int Stale = 1004;
    private const int Recovered = 1005;
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

        // Would fail if a failed refresh dropped or blanked the key: it must hold the last value through every cycle.
        foreach (string operation in ReadOperations)
        {
            Cloud.Faults.Set(operation, new Fault { Kind = FaultKind.ServiceUnavailable });
        }

        Cloud.Azure.Vault.Set("hf-token", during);
        for (int cycle = 0; cycle < 4; cycle++)
        {
            await broker.RefreshCycleAsync(root);
            Assert.Equal(before, root["huggingface:token"]);
        }

        long failedReads = ReadOperations.Sum(o => Cloud.Counters.Count("keyvault." + o, "fault:ServiceUnavailable"));
        Assert.True(failedReads >= 4, $"every cycle must have met the outage ({failedReads} failed Key Vault reads)");
        Assert.True(broker.Logs.Count(RefreshFailed) >= 4, "each failed cycle is logged (EventId 1003)");
        Assert.True(broker.Logs.Count(Stale) >= 1, "the value is reported stale (EventId 1004)");
        Assert.NotEmpty(broker.Errors);
        Assert.All(broker.Errors, e => Assert.Equal("kv", e.Backend));
        Assert.Equal(0, reloads.Count);

        // Would fail if the provider stopped retrying after the outage or missed the version set during it.
        Cloud.Faults.Clear();
        await broker.RefreshCycleAsync(root);
        await reloads.WaitForAsync(1);

        Assert.Equal(during, root["huggingface:token"]);
        Assert.Equal(1, reloads.Count);
        Assert.True(broker.Logs.Count(Recovered) >= 1, "the recovery is reported (EventId 1005)");

        // Would fail if any log line (Trace included) or exception text carried a value.
        CanaryScan.AssertNeverWritten(broker, [before, during]);
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
