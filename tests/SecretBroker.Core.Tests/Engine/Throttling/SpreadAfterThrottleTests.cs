using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Engine.Throttling.Throttles;

namespace SecretBroker.Core.Tests.Engine.Throttling;

public class SpreadAfterThrottleTests
{
    [Fact]
    public async Task The_first_refresh_after_a_throttle_is_drawn_from_half_to_all_of_the_interval_and_the_next_is_normal()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, null, "a");
        await using SecretRefreshEngine engine = Create(clock, backend, "a");
        await engine.StartAsync(CancellationToken.None);
        backend.FailNext("a", Throttle());
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 2);

        DateTimeOffset recovered = await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 3);

        // 0.5 + 0.5 × 0.5 = 0.75 of the interval, where the usual jitter would give exactly 1 with this random source.
        DateTimeOffset next = await clock.AdvanceToNextTimerAsync();
        Assert.Equal(recovered + (Refresh * 0.75), next);
        await backend.WaitForCallsAsync("fetch", 4);
        Assert.Equal(next + Refresh, await clock.WaitForPendingTimerAsync());
    }
}
