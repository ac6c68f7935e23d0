using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

/// <summary>
/// A value whose lease ends without a refresh or renewal replacing it is a dead credential: the engine withdraws it
/// at the lease end (a generation without it, listed in <see cref="SecretGeneration.Expired"/>), keeps retrying at the
/// failure pace, and brings it back when a refresh succeeds. A value without a lease is never withdrawn.
/// </summary>
public class LeaseExpiryTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private static readonly SecretLease Token = new("token-1", Lifetime, Renewable: false);

    [Fact]
    public async Task A_value_whose_lease_ends_while_the_backend_refuses_is_withdrawn_exactly_at_the_lease_end()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", Token);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        // The refetch at two thirds of the lease fails: the token is served stale, as before.
        backend.FailAlways("hub", Permanent("refused"));
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        SecretGeneration stale = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();
        Assert.True(stale.Secrets["hub"].Stale);

        clock.SetUtcNow(issuedAt + Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.True(engine.Current.TryGet("hub", out _));
        Assert.True(engine.IsReady);

        clock.SetUtcNow(issuedAt + Lifetime);
        SecretGeneration withdrawn = await WaitForAsync(engine, static g => g.Expired.ContainsKey("hub"));

        Assert.False(withdrawn.TryGet("hub", out _));
        Assert.Equal(issuedAt + Lifetime, withdrawn.Expired["hub"]);
        Assert.Contains("hub", withdrawn.Changed);
        Assert.False(engine.IsReady);
    }

    [Fact]
    public async Task A_refreshed_lease_moves_the_end_to_the_new_lease()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", Token);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        backend.Set("hub", "token-b", "v2", Token with { Id = "token-2" });
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        await WaitForAsync(engine, static g => g.TryGet("hub", out SecretEntry? e) && e.Version == "v2");

        // The first token's end passes: the second one, fetched at 40 s, is good until 100 s.
        backend.FailAlways("hub", Permanent("refused"));
        clock.SetUtcNow(issuedAt + Lifetime);
        Assert.Equal("v2", engine.Current.Secrets["hub"].Version);
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(100) - TimeSpan.FromMilliseconds(1));
        Assert.True(engine.Current.TryGet("hub", out _));

        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(100));
        SecretGeneration withdrawn = await WaitForAsync(engine, static g => g.Expired.ContainsKey("hub"));
        Assert.Equal(issuedAt + TimeSpan.FromSeconds(100), withdrawn.Expired["hub"]);
    }

    [Fact]
    public async Task A_renewed_lease_moves_the_end_without_a_new_value()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, new SecretBackendCapabilities(MaxBatchSize: 1, SupportsLeaseRenewal: true));
        backend.Set("db", "credentials", "v1", Token with { Renewable = true });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("db", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        await backend.WaitForCallsAsync("renew", 1);
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(1)); // the renewal is applied and the loop sleeps again

        clock.SetUtcNow(issuedAt + Lifetime);
        Assert.Equal("v1", engine.Current.Secrets["db"].Version);
        Assert.Empty(engine.Current.Expired);
        Assert.Equal(1, backend.Count("fetch"));
    }

    [Fact]
    public async Task A_withdrawn_secret_is_retried_at_the_failure_pace_and_comes_back_when_a_refresh_succeeds()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", Token);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();
        backend.FailAlways("hub", Permanent("refused"));
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();
        clock.SetUtcNow(issuedAt + Lifetime);
        SecretGeneration withdrawn = await WaitForAsync(engine, static g => g.Expired.ContainsKey("hub"));

        backend.Heal("hub");
        backend.Set("hub", "token-b", "v2", Token with { Id = "token-2" });

        // The permanent-failure pace (the refresh interval, 5 min) from the failure at 40 s, not sooner.
        Assert.Equal(issuedAt + TimeSpan.FromSeconds(40) + TimeSpan.FromMinutes(5), await clock.AdvanceToNextTimerAsync());
        SecretGeneration back = await WaitForAsync(engine, static g => g.TryGet("hub", out _));

        Assert.Equal("v2", back.Secrets["hub"].Version);
        Assert.False(back.Secrets["hub"].Stale);
        Assert.Empty(back.Expired);
        Assert.Contains("hub", back.Changed);
        Assert.True(back.Number > withdrawn.Number);
        Assert.True(engine.IsReady);
    }

    [Fact]
    public async Task A_value_without_a_lease_or_with_a_zero_lease_is_served_stale_and_never_withdrawn()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("plain", "value", "v1");
        backend.Set("zero", "value", "v1", Token with { Duration = TimeSpan.Zero });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("plain", TimeSpan.FromMinutes(1)), Secret("zero", TimeSpan.FromMinutes(1))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset start = clock.GetUtcNow();
        backend.FailAlways("plain", Permanent("refused"));
        backend.FailAlways("zero", Permanent("refused"));

        for (int i = 0; i < 5; i++)
        {
            await clock.AdvanceToNextTimerAsync();
        }

        clock.SetUtcNow(start + TimeSpan.FromDays(2));
        await clock.WaitForPendingTimerAsync();

        SecretGeneration current = engine.Current;
        Assert.True(current.Secrets["plain"].Stale);
        Assert.True(current.Secrets["zero"].Stale);
        Assert.Empty(current.Expired);
    }

    [Fact]
    public async Task The_secrets_of_one_read_are_withdrawn_together_in_one_generation()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", Token);
        await using SecretRefreshEngine engine = Create(
            clock, backend, [new SecretDefinition("hf-a", Backend, "hub", TimeSpan.FromMinutes(5)), new SecretDefinition("hf-b", Backend, "hub", TimeSpan.FromMinutes(1))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();
        backend.FailAlways("hub", Permanent("refused"));
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        SecretGeneration stale = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        clock.SetUtcNow(issuedAt + Lifetime);
        SecretGeneration withdrawn = await WaitForAsync(engine, static g => g.Expired.Count > 0);

        Assert.Equal(stale.Number + 1, withdrawn.Number);
        Assert.Equal(["hf-a", "hf-b"], withdrawn.Expired.Keys.Order());
        Assert.Equal(["hf-a", "hf-b"], withdrawn.Changed.Order());
        Assert.Empty(withdrawn.Secrets);
    }

    [Fact]
    public async Task A_value_that_expires_is_fetched_again_on_a_probing_backend_since_a_probe_cannot_extend_its_lease()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, new SecretBackendCapabilities(MaxBatchSize: 10, SupportsProbe: true));
        backend.Set("hub", "token-a", "v1", Token);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        await backend.WaitForCallsAsync("fetch", 2);
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(1));

        clock.SetUtcNow(issuedAt + Lifetime);
        Assert.Equal(0, backend.Count("probe"));
        Assert.True(engine.Current.TryGet("hub", out _));
        Assert.Empty(engine.Current.Expired);
    }

    /// <summary>The first generation (current or later) that satisfies <paramref name="condition"/>, bounded in real time.</summary>
    private static async Task<SecretGeneration> WaitForAsync(SecretRefreshEngine engine, Func<SecretGeneration, bool> condition)
    {
        using var safety = new CancellationTokenSource(Safety.Timeout);
        SecretGeneration generation = engine.Current;
        while (!condition(generation))
        {
            generation = await engine.WaitForGenerationAsync(generation.Number, safety.Token);
        }

        return generation;
    }
}
