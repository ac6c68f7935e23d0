using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class LeaseTests
{
    private static readonly SecretBackendCapabilities Leasing = new(MaxBatchSize: 1, SupportsLeaseRenewal: true);
    private static readonly SecretLease Lease = new("lease-1", TimeSpan.FromSeconds(90), Renewable: true);

    [Fact]
    public async Task A_leased_value_is_renewed_at_two_thirds_of_its_ttl_and_not_before()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, Leasing);
        backend.Set("db", "credentials", "v1", Lease);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("db", TimeSpan.FromHours(1))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        Assert.Equal(issuedAt + TimeSpan.FromSeconds(60), await clock.WaitForPendingTimerAsync());
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(59.999));
        Assert.Equal(0, backend.Count("renew"));

        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(60));
        await backend.WaitForCallsAsync("renew", 1);

        // The renewed lease is renewed again two thirds into its new TTL; the value is never refetched.
        Assert.Equal(issuedAt + TimeSpan.FromSeconds(120), await clock.WaitForPendingTimerAsync());
        Assert.Equal(1, backend.Count("fetch"));
        Assert.Equal(1, engine.Current.Number);
    }

    [Fact]
    public async Task A_value_whose_renewal_fails_is_fetched_again()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, Leasing);
        backend.Set("db", "credentials", "v1", Lease);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("db", TimeSpan.FromHours(1))]);
        await engine.StartAsync(CancellationToken.None);
        backend.Renew = _ => throw Permanent("lease expired");
        backend.Set("db", "new-credentials", "v2", Lease with { Id = "lease-2" });

        DateTimeOffset due = await clock.AdvanceToNextTimerAsync();
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal(1, backend.Count("renew"));
        Assert.Equal(2, backend.Count("fetch"));
        Assert.Equal(due, backend.CallsOf("fetch")[^1].At);
        Assert.Equal("v2", generation.Secrets["db"].Version);
        Assert.False(generation.Secrets["db"].Stale);
    }

    [Fact]
    public async Task A_renewal_that_grants_no_time_is_replaced_by_a_fetch()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, Leasing);
        backend.Set("db", "credentials", "v1", Lease);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("db", TimeSpan.FromHours(1))]);
        await engine.LoadAsync(CancellationToken.None);
        backend.Renew = lease => lease with { Duration = TimeSpan.Zero };

        SecretRefreshOutcome outcome = await engine.RefreshAsync("db", CancellationToken.None).Bounded();

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, backend.Count("renew"));
        Assert.Equal(2, backend.Count("fetch"));
    }
}
