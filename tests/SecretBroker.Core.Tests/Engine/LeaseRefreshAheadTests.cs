using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

/// <summary>
/// A lease naming <see cref="SecretLease.RefreshAhead"/> (an exchanged token that cannot be renewed): the value is
/// fetched again that long before the lease ends, whatever the secret's refresh interval, or at the renew fraction of
/// a lease too short for the margin.
/// </summary>
public class LeaseRefreshAheadTests
{
    private static readonly SecretLease HourToken = new("token-1", TimeSpan.FromHours(1), Renewable: false) { RefreshAhead = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task A_one_hour_token_is_fetched_again_five_minutes_before_it_ends_not_at_the_refresh_interval()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", HourToken);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        Assert.Equal(issuedAt + TimeSpan.FromMinutes(55), await clock.WaitForPendingTimerAsync());
        clock.SetUtcNow(issuedAt + TimeSpan.FromMinutes(54.99));
        Assert.Equal(1, backend.Count("fetch"));

        backend.Set("hub", "token-b", "v2", HourToken with { Id = "token-2" });
        clock.SetUtcNow(issuedAt + TimeSpan.FromMinutes(55));
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal(2, backend.Count("fetch"));
        Assert.Equal("v2", generation.Secrets["hub"].Version);
        Assert.Equal(issuedAt + TimeSpan.FromMinutes(110), await clock.WaitForPendingTimerAsync());
    }

    [Fact]
    public async Task A_token_shorter_than_its_margin_is_fetched_again_at_the_renew_fraction_of_its_lifetime()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", HourToken with { Duration = TimeSpan.FromSeconds(6) });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        Assert.Equal(issuedAt + TimeSpan.FromSeconds(4), await clock.WaitForPendingTimerAsync());
    }

    [Fact]
    public async Task A_twenty_minute_token_is_fetched_again_five_minutes_before_it_ends_later_than_two_thirds_in()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", HourToken with { Duration = TimeSpan.FromMinutes(20) });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromHours(1))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        // 20 min less 5 min is 15 min, later than two thirds (13 min 20 s): the margin wins.
        Assert.Equal(issuedAt + TimeSpan.FromMinutes(15), await clock.WaitForPendingTimerAsync());
    }

    [Fact]
    public async Task A_lease_without_a_margin_still_follows_the_shorter_refresh_interval()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("hub", "token-a", "v1", HourToken with { RefreshAhead = null });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("hub", TimeSpan.FromMinutes(5))], new SecretRefreshEngineOptions { RefreshJitter = 0 });
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        Assert.Equal(issuedAt + TimeSpan.FromMinutes(5), await clock.WaitForPendingTimerAsync());
    }

    [Theory]
    [InlineData(0.1, 36)]
    [InlineData(0.2, 32)]
    [InlineData(0.0, 40)]
    public async Task A_lease_renewed_early_by_its_own_fraction_comes_due_that_much_before_two_thirds(double early, int minutes)
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("db", "creds", "v1", new SecretLease("lease-1", TimeSpan.FromHours(1), Renewable: true) { RefreshAhead = TimeSpan.FromMinutes(20), RenewEarly = early });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("db", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        // Two thirds of an hour is 40 min (the 20 min margin gives the same point); 10 % early is 36 min, 20 % 32 min.
        Assert.Equal(issuedAt + TimeSpan.FromMinutes(minutes), await clock.WaitForPendingTimerAsync());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.9)]
    public async Task A_renew_early_fraction_out_of_range_is_ignored(double early)
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("db", "creds", "v1", new SecretLease("lease-1", TimeSpan.FromHours(1), Renewable: true) { RefreshAhead = TimeSpan.FromMinutes(20), RenewEarly = early });
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("db", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();

        Assert.Equal(issuedAt + TimeSpan.FromMinutes(40), await clock.WaitForPendingTimerAsync());
    }
}
