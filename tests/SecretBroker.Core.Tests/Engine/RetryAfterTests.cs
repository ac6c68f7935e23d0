using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class RetryAfterTests
{
    // The retry comes at the Retry-After plus the resume spread (half of the first 1 s window with this random source):
    // see Throttling/ for the spread itself.
    [Fact]
    public async Task A_transient_failure_with_retry_after_is_not_retried_before_it_elapses()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))], Options(new FixedRandom(0.5)));
        await engine.StartAsync(CancellationToken.None);
        backend.FailNext("token", Transient("throttled", retryAfter: TimeSpan.FromSeconds(30)));

        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 2);
        DateTimeOffset throttledAt = clock.GetUtcNow();

        await clock.WaitForPendingTimerAsync();
        clock.SetUtcNow(throttledAt + TimeSpan.FromSeconds(29.999));
        Assert.Equal(2, backend.Count("fetch"));

        clock.SetUtcNow(throttledAt + TimeSpan.FromSeconds(30.4));
        Assert.Equal(2, backend.Count("fetch"));

        clock.SetUtcNow(throttledAt + TimeSpan.FromSeconds(30.5));
        await backend.WaitForCallsAsync("fetch", 3);
        Assert.Equal(throttledAt + TimeSpan.FromSeconds(30.5), backend.CallsOf("fetch")[^1].At);
    }
}
