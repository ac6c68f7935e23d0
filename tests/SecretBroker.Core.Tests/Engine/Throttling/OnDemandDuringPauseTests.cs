using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Engine.Throttling.Throttles;

namespace SecretBroker.Core.Tests.Engine.Throttling;

public class OnDemandDuringPauseTests
{
    [Fact]
    public async Task An_on_demand_refresh_during_the_pause_fails_at_once_without_calling_and_serves_stale()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, null, "a", "b");
        await using SecretRefreshEngine engine = Create(clock, backend, "a", "b");
        await engine.LoadAsync(CancellationToken.None);
        backend.FailNext("a", Throttle());
        await engine.RefreshAsync("a", CancellationToken.None).Bounded();

        SecretRefreshOutcome paused = await engine.RefreshAsync("b", CancellationToken.None).Bounded();

        Assert.Equal(3, backend.Count("fetch"));
        Assert.False(paused.Succeeded);
        Assert.Contains("throttled", paused.Error, StringComparison.Ordinal);
        Assert.True(engine.Current.Secrets["b"].Stale);
        Assert.Equal("v1", paused.Version);

        clock.Advance(RetryAfter + TimeSpan.FromSeconds(0.5));
        SecretRefreshOutcome resumed = await engine.RefreshAsync("b", CancellationToken.None).Bounded();

        Assert.True(resumed.Succeeded);
        Assert.Equal(4, backend.Count("fetch"));
        Assert.False(engine.Current.Secrets["b"].Stale);
    }
}
