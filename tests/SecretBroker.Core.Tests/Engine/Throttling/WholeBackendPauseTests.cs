using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Engine.Throttling.Throttles;

namespace SecretBroker.Core.Tests.Engine.Throttling;

public class WholeBackendPauseTests
{
    [Fact]
    public async Task A_throttled_fetch_stops_the_rest_of_the_cycle_and_serves_every_value_stale()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, null, "a", "b", "c");
        await using SecretRefreshEngine engine = Create(clock, backend, "a", "b", "c");
        await engine.StartAsync(CancellationToken.None);
        backend.FailNext("a", Throttle());

        DateTimeOffset throttledAt = await clock.AdvanceToNextTimerAsync();
        SecretGeneration stale = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal(4, backend.Count("fetch"));
        Assert.All(["a", "b", "c"], name => Assert.True(stale.Secrets[name].Stale));

        // Nothing until the Retry-After plus half the first 1 s window; then the three together.
        Assert.Equal(throttledAt + RetryAfter + TimeSpan.FromSeconds(0.5), await clock.WaitForPendingTimerAsync());
        DateTimeOffset resumed = await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 7);
        Assert.All(backend.CallsOf("fetch").Skip(4), call => Assert.Equal(resumed, call.At));
        SecretGeneration recovered = await engine.WaitForGenerationAsync(stale.Number, CancellationToken.None).Bounded();
        Assert.All(["a", "b", "c"], name => Assert.False(recovered.Secrets[name].Stale));
    }

    [Fact]
    public async Task A_throttled_probe_stops_the_other_probes_and_fetches_of_the_cycle()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, new SecretBackendCapabilities(1, SupportsProbe: true), "a", "b", "c");
        await using SecretRefreshEngine engine = Create(clock, backend, "a", "b", "c");
        await engine.StartAsync(CancellationToken.None);
        backend.FailNextCall(Throttle());

        await clock.AdvanceToNextTimerAsync();
        SecretGeneration stale = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal(1, backend.Count("probe"));
        Assert.Equal(3, backend.Count("fetch"));
        Assert.All(["a", "b", "c"], name => Assert.True(stale.Secrets[name].Stale));
    }

    [Fact]
    public async Task A_throttled_first_load_stops_the_load_and_retries_everything_after_the_pause()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, null, "a", "b", "c");
        backend.FailNext("a", Throttle());
        await using SecretRefreshEngine engine = Create(clock, backend, "a", "b", "c");
        DateTimeOffset startedAt = clock.GetUtcNow();

        IReadOnlyList<SecretRefreshOutcome> outcomes = await engine.StartAsync(CancellationToken.None);

        Assert.Equal(1, backend.Count("fetch"));
        Assert.All(outcomes, outcome => Assert.False(outcome.Succeeded));
        Assert.Equal(startedAt + RetryAfter + TimeSpan.FromSeconds(0.5), await clock.AdvanceToNextTimerAsync());
        await backend.WaitForCallsAsync("fetch", 4);
        await engine.WaitForGenerationAsync(0, CancellationToken.None).Bounded();
        Assert.True(engine.IsReady);
    }
}
