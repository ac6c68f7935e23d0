using SecretBroker.Backends;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault.Tests.Infrastructure;
using Xunit.Abstractions;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Benchmarks;

/// <summary>
/// The figures docs/benchmarks.md gives for Vault, measured through the real refresh engine against the emulator on a
/// fake clock (requests on the wire, counted by the handler): 50 KV v2 secrets — the first load, a quiet cycle, a cycle
/// with one changed — and one dynamic credential (two fields) over a whole lease lifetime.
/// </summary>
public sealed class CallsPerCycleTests(ITestOutputHelper output)
{
    private const int Secrets = 50;

    [Fact]
    public async Task Fifty_kv_v2_secrets_cost_one_probe_each_a_cycle_and_one_read_per_change()
    {
        var clock = new TestClock();
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o => o.TimeProvider = clock);
        for (int i = 0; i < Secrets; i++)
        {
            cloud.WriteKv2($"app/s{i:00}", $$"""{"value":"v{{i}}"}""");
        }

        using var handler = new CountingHandler();
        await using VaultBackend backend = new(cloud.Options(), "vault", null, handler, clock);
        await using var engine = new SecretRefreshEngine(
            [.. Enumerable.Range(0, Secrets).Select(i => Secret($"s{i:00}", $"secret/data/app/s{i:00}", key: "value"))],
            new Dictionary<string, ISecretBackend> { ["vault"] = backend },
            new SecretRefreshEngineOptions { RefreshJitter = 0 },
            clock);

        await engine.StartAsync(default);
        await clock.WaitForPendingTimerAsync();
        (int Logins, int Probes, int Reads) load = Counts(handler);
        handler.Clear();

        await NextCycleAsync(clock);
        (int Logins, int Probes, int Reads) quiet = Counts(handler);
        handler.Clear();

        cloud.WriteKv2("app/s07", """{"value":"rotated"}""");
        long before = engine.Current.Number;
        await NextCycleAsync(clock);
        (int Logins, int Probes, int Reads) changed = Counts(handler);
        Assert.Equal(["s07"], (await engine.WaitForGenerationAsync(before, default).WaitAsync(TimeSpan.FromSeconds(10))).Changed);

        output.WriteLine($"{Secrets} KV v2 secrets: load {load.Logins} login + {load.Reads} reads + {load.Probes} metadata; quiet cycle {quiet.Probes} metadata + {quiet.Reads} reads; one changed {changed.Probes} metadata + {changed.Reads} read");
        Assert.Equal((1, 0, Secrets), load);
        Assert.Equal((0, Secrets, 0), quiet);
        Assert.Equal((0, Secrets, 1), changed);
    }

    [Fact]
    public async Task A_dynamic_credential_costs_one_read_and_a_renewal_per_two_thirds_of_its_lease_less_jitter()
    {
        var clock = new TestClock();
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromHours(24), TokenMaxTtl = TimeSpan.FromHours(48) };
            o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromHours(1), MaxTtl = TimeSpan.FromHours(24) };
        });
        using var handler = new CountingHandler();
        await using VaultBackend backend = new(cloud.Options(), "vault", null, handler, clock);
        await using var engine = new SecretRefreshEngine(
            [Secret("username", "database/creds/readonly", key: "username"), Secret("password", "database/creds/readonly", key: "password")],
            new Dictionary<string, ISecretBackend> { ["vault"] = backend },
            new SecretRefreshEngineOptions { RefreshJitter = 0 },
            clock);

        await engine.StartAsync(default);
        DateTimeOffset end = clock.GetUtcNow() + TimeSpan.FromHours(24);
        while (clock.GetUtcNow() < end)
        {
            DateTimeOffset due = await clock.WaitForPendingTimerAsync();
            clock.SetUtcNow(due < end ? due : end);
            await clock.WaitForPendingTimerAsync();
        }

        int reads = handler.Count("GET", "database/creds/");
        int renewals = handler.Count("PUT", "sys/leases/renew") + handler.Count("POST", "sys/leases/renew");
        int tokenCalls = handler.Count(r => r.Path.StartsWith("auth/", StringComparison.Ordinal));
        output.WriteLine($"one dynamic credential (2 fields), 1 h lease renewable to 24 h, over 24 h: {reads} reads, {renewals} renewals, {tokenCalls} login/token calls; total {handler.Requests.Count}");
        Assert.InRange(reads, 1, 3);
        // Every 32–36 min (two thirds of a 1 h grant, 10–20 % early): 40–45 in 24 h, not one per 5 min refresh (288).
        Assert.InRange(renewals, 38, 46);
        Assert.True(cloud.Vault.Leases().Count(l => cloud.Vault.IsLive(l)) <= 2, "at most the current lease and the one it overlaps");
    }

    private static (int Logins, int Probes, int Reads) Counts(CountingHandler handler) =>
        (handler.Count("POST", "auth/kubernetes/login") + handler.Count("PUT", "auth/kubernetes/login"), handler.Count("GET", "secret/metadata/"), handler.Count("GET", "secret/data/"));

    // Secrets refresh every 5 min: the next cycle is the next timer.
    private static async Task NextCycleAsync(TestClock clock)
    {
        DateTimeOffset due = await clock.WaitForPendingTimerAsync();
        clock.SetUtcNow(due);
        await clock.WaitForPendingTimerAsync();
    }
}
