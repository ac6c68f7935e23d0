using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class StaleTests
{
    [Fact]
    public async Task A_failed_refresh_keeps_the_value_marks_it_stale_and_recovery_clears_it()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "good-value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        SecretEntry good = engine.Current.Secrets["token"];
        backend.FailAlways("token", Transient("connection reset"));

        await clock.AdvanceToNextTimerAsync();
        SecretGeneration stale = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal(2, stale.Number);
        Assert.Empty(stale.Changed);
        Assert.True(stale.Secrets["token"].Stale);
        Assert.Equal("v1", stale.Secrets["token"].Version);
        Assert.Equal(good.Value.ToArray(), stale.Secrets["token"].Value.ToArray());

        backend.Heal("token");
        await clock.AdvanceToNextTimerAsync();
        SecretGeneration recovered = await engine.WaitForGenerationAsync(2, CancellationToken.None).Bounded();

        Assert.Equal(3, recovered.Number);
        Assert.Empty(recovered.Changed);
        Assert.False(recovered.Secrets["token"].Stale);
        Assert.Equal(good.Value.ToArray(), recovered.Secrets["token"].Value.ToArray());
    }

    [Fact]
    public async Task A_second_failure_while_already_stale_publishes_nothing()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "good-value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);
        backend.FailAlways("token", Transient());

        SecretRefreshOutcome first = await engine.RefreshAsync("token", CancellationToken.None).Bounded();
        SecretRefreshOutcome second = await engine.RefreshAsync("token", CancellationToken.None).Bounded();

        Assert.False(first.Succeeded);
        Assert.Equal("service unavailable", second.Error);
        Assert.Equal(2, engine.Current.Number);
    }
}
