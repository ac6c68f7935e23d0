using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class SingleFlightTests
{
    [Fact]
    public async Task One_hundred_concurrent_refreshes_of_a_secret_make_one_backend_call()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        FakeSecretBackend.Hold hold = backend.HoldFetches();

        var callers = new Task<SecretRefreshOutcome>[100];
        Parallel.For(0, callers.Length, i => callers[i] = engine.RefreshAsync("token", CancellationToken.None));
        await hold.Entered.Task.Bounded();
        hold.Release();
        SecretRefreshOutcome[] outcomes = await Task.WhenAll(callers).Bounded();

        Assert.Equal(1, backend.Count("fetch"));
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.All(outcomes, o => Assert.Equal("v1", o.Version));
    }

    [Fact]
    public async Task A_refresh_requested_during_a_scheduled_cycle_joins_that_cycle()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        FakeSecretBackend.Hold hold = backend.HoldFetches();
        backend.Set("token", "rotated", "v2");

        await clock.AdvanceToNextTimerAsync();
        await hold.Entered.Task.Bounded();
        Task<SecretRefreshOutcome> onDemand = engine.RefreshAsync("token", CancellationToken.None);
        hold.Release();
        SecretRefreshOutcome outcome = await onDemand.Bounded();

        Assert.Equal(2, backend.Count("fetch"));
        Assert.True(outcome.Changed);
        Assert.Equal("v2", outcome.Version);
    }

    [Fact]
    public async Task Refreshing_an_unknown_secret_throws_KeyNotFoundException()
    {
        var clock = new TestClock();
        await using SecretRefreshEngine engine = Create(clock, new FakeSecretBackend(clock), [Secret("token", TimeSpan.FromMinutes(5))]);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.RefreshAsync("nope", CancellationToken.None));
    }
}
