using SecretBroker.Backends;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Errors;

/// <summary>
/// Vault sealed for a whole day under the real refresh engine (fake clock): the last values stay published (the KV
/// value; the dynamic credential until its lease would have ended), requests are spaced by the engine's backoff (full
/// jitter up to 5 min), no login is spent while the token still lives, and the backend's own state does not grow with the attempts
/// (vault#13589, #28876: memory growing without bound while a credential cannot be fetched).
/// </summary>
public sealed class LongOutageTests
{
    [Fact]
    public async Task A_day_sealed_costs_bounded_requests_and_no_state_per_attempt_then_recovers()
    {
        var clock = new TestClock();
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromHours(48), TokenMaxTtl = TimeSpan.FromHours(96) };
            o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromHours(1), MaxTtl = TimeSpan.FromHours(4) };
        });
        cloud.WriteKv2("app/api", """{"key":"k1"}""");
        using var handler = new CountingHandler();
        await using var backend = new VaultBackend(cloud.Options(), "vault", null, handler, clock);
        await using var engine = new SecretRefreshEngine(
            [Secret("api", "secret/data/app/api", key: "key"), Secret("username", "database/creds/readonly", key: "username"), Secret("password", "database/creds/readonly", key: "password")],
            new Dictionary<string, ISecretBackend> { ["vault"] = backend },
            new SecretRefreshEngineOptions(),
            clock);
        await engine.StartAsync(default);
        int stateBefore = backend.TrackedStateCount;

        cloud.Vault.Sealed = true;
        handler.Clear();
        DateTimeOffset end = clock.GetUtcNow() + TimeSpan.FromHours(24);
        while (clock.GetUtcNow() < end)
        {
            DateTimeOffset due = await clock.WaitForPendingTimerAsync();
            clock.SetUtcNow(due < end ? due : end);
            await clock.WaitForPendingTimerAsync();
        }

        int whileSealed = handler.Requests.Count;
        Assert.True(engine.Current.TryGet("api", out SecretEntry? api) && api.Stale, "the KV value is still served, flagged stale");
        Assert.False(engine.Current.TryGet("username", out _), "a credential whose lease ended is withdrawn, not served dead");
        string breakdown = string.Join(", ", handler.Requests.GroupBy(r => r.Method + " " + r.Path).Select(g => $"{g.Key} {g.Count()}"));
        // The engine's backoff is full jitter up to 5 min (a mean of 2.5 min): about 580 a day per read group. A storm would
        // be thousands an hour; the bound is one request per 1.4 min per group on average (measured: ~590 and ~850).
        Assert.True(whileSealed >= 20, breakdown);
        Assert.All(handler.Requests.GroupBy(r => r.Path), g => Assert.True(g.Count() <= 1000, $"{g.Key}: {g.Count()} requests in a day sealed ({breakdown})")); // backoff capped at 5 min, two read groups: never a storm
        Assert.Equal(0, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(stateBefore, backend.TrackedStateCount);

        cloud.Vault.Sealed = false;
        DateTimeOffset recovered = clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (clock.GetUtcNow() < recovered && !(engine.Current.TryGet("username", out _) && !engine.Current.Secrets["api"].Stale))
        {
            DateTimeOffset due = await clock.WaitForPendingTimerAsync();
            clock.SetUtcNow(due);
            await clock.WaitForPendingTimerAsync();
        }

        Assert.True(engine.Current.TryGet("username", out _), "a new credential after the unseal");
        Assert.False(engine.Current.Secrets["api"].Stale);
        Assert.True(backend.TrackedStateCount <= 2, "one lease per read group at most");
    }
}
