using Microsoft.Extensions.Configuration;

using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Emulators;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// Key Vault's service limit under <c>AddSecretBroker</c> with the real <c>azure-key-vault</c> backend: ten secrets
/// against a vault that takes four transactions per 10 s (the emulator's throttle, on the engine's fake clock). The
/// source is optional, as a first load that cannot read every required secret fails the build (FirstLoadTests): it
/// starts with what the limit allowed, honours every <c>Retry-After</c> (no vault request inside it), keeps what it
/// loaded, and fills in the rest over later cycles; once the limit is lifted no 429 follows. No value is ever logged.
/// </summary>
public sealed class AzureDirectThrottlingTests() : LocalCloudTest("azure-throttle")
{
    private const int Secrets = 10;
    private const int Limit = 4;
    private const int FirstLoadIncomplete = 5100;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly DirectBroker _broker = new();

    protected override TimeProvider Clock => _broker.Clock;

    [Fact]
    public async Task Under_a_low_limit_the_first_load_gets_what_it_allows_retry_after_is_honoured_and_later_cycles_load_the_rest_without_logging_a_value()
    {
        string[] values = [.. Enumerable.Range(0, Secrets).Select(static i => $"CANARY_THROTTLED_{i}_{Guid.NewGuid():N}")];
        for (int i = 0; i < Secrets; i++)
        {
            Cloud.Azure.Vault.Set($"app-{i}", values[i]);
        }

        SetThrottle(Limit);
        using ConfigurationRoot root = Build();

        // Would fail if the first load stopped short of the limit, or ignored the 429 and read past it.
        string[] loaded = [.. Enumerable.Range(0, Secrets).Where(i => root[$"app:s{i}"] is not null).Select(static i => $"s{i}")];
        Assert.Equal(Limit, loaded.Length);
        Assert.Equal(1, _broker.Logs.Count(FirstLoadIncomplete));
        Assert.True(Cloud.Counters.Log("keyvault.").Any(static r => r.Outcome == "Throttled"), "the first load met the limit");

        // Would fail if a throttled refresh dropped or blanked a key already served, or if the engine stopped retrying.
        var steps = new List<string>();
        for (int cycle = 0; cycle < 40 && Enumerable.Range(0, Secrets).Any(i => root[$"app:s{i}"] is null); cycle++)
        {
            await _broker.RefreshCycleAsync(root);
            int served = 0;
            for (int i = 0; i < Secrets; i++)
            {
                if (root[$"app:s{i}"] is { } value)
                {
                    Assert.Equal(values[i], value);
                    served++;
                }
            }

            Assert.True(served >= Limit, $"a cycle lost a value: {served} served");
            steps.Add($"{(_broker.Clock.GetUtcNow() - Cloud.Counters.Log("keyvault.")[0].At).TotalSeconds:0.#} s: {served} served");
        }

        Assert.All(Enumerable.Range(0, Secrets), i => Assert.Equal(values[i], root[$"app:s{i}"]));

        // Would fail if the engine sent anything to the vault inside a Retry-After window (a retry storm into a 429).
        IReadOnlyList<RequestRecord> log = [.. Cloud.Counters.Log("keyvault.").Where(static r => r.Outcome != "Unauthorized")];
        int throttled = 0;
        for (int i = 0; i < log.Count; i++)
        {
            if (log[i].Outcome != "Throttled")
            {
                continue;
            }

            throttled++;
            DateTimeOffset at = log[i].At;
            DateTimeOffset oldest = log.Take(i).Where(r => r.Outcome == "ok" && r.At > at - Window).Min(static r => r.At);
            TimeSpan retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((oldest + Window - at).TotalSeconds)));
            RequestRecord? early = log.Skip(i + 1).FirstOrDefault(r => r.At < at + retryAfter);
            Assert.True(early is null, $"a request {(early?.At - at)?.TotalSeconds:0.###} s after a 429 with Retry-After {retryAfter.TotalSeconds} s\n{string.Join("\n", steps)}");
        }

        Assert.True(throttled >= 1, "the limit was met");
        Assert.True(log.Where(static r => r.Outcome == "ok").Count() >= Secrets, "every secret was read");

        // Would fail if the engine kept a throttled pace (or a stale pause) that drew a 429 once the limit was lifted.
        SetThrottle(4000);
        long throttledBefore = Cloud.Counters.Log("keyvault.").Count(static r => r.Outcome == "Throttled");
        for (int cycle = 0; cycle < 3; cycle++)
        {
            await _broker.RefreshCycleAsync(root);
        }

        Assert.Equal(throttledBefore, Cloud.Counters.Log("keyvault.").Count(static r => r.Outcome == "Throttled"));
        Assert.All(Enumerable.Range(0, Secrets), i => Assert.Equal(values[i], root[$"app:s{i}"]));

        // Would fail if any log line (Trace included), logged exception or refresh error carried a value.
        CanaryScan.AssertNeverWritten(_broker, values);
    }

    private void SetThrottle(int limit)
    {
        Cloud.Options.KeyVault.TransactionLimit = limit;
        Cloud.Options.KeyVault.ThrottleWindow = Window;
        Cloud.Azure.Throttle.Reset();
    }

    private ConfigurationRoot Build()
    {
        string secrets = string.Join(",\n", Enumerable.Range(0, Secrets).Select(static i =>
            $$"""{ "name": "app--s{{i}}", "backend": "kv", "id": "app-{{i}}", "refresh": "1m" }"""));
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": {
                  "kv": {{CloudBackendJson.AzureKeyVault(Cloud)}}
                },
                "secrets": [ {{secrets}} ]
              }
            }
            """);
        return _broker.Build(section, b =>
        {
            b.Optional = true;
            b.BackendTypes.Add(new EmulatorTrustingAzureType(Cloud.CaCertificatePath));
        });
    }
}
