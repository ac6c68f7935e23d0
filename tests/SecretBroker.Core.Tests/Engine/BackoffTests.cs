using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class BackoffTests
{
    [Fact]
    public async Task Transient_failures_are_retried_no_earlier_than_their_backoff_and_success_resets_the_attempt_count()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");

        // A fixed draw of 0.75 makes each delay exactly 0.75 × min(max, initial × 2^attempt).
        SecretRefreshEngineOptions options = Options(new FixedRandom(0.75));
        options.BackoffInitial = TimeSpan.FromSeconds(1);
        options.BackoffMax = TimeSpan.FromSeconds(10);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromHours(1))], options);
        await engine.StartAsync(CancellationToken.None);
        backend.FailAlways("token", Transient());

        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 2);
        int fetches = 2;
        foreach (double ceilingSeconds in new[] { 1.0, 2, 4, 8, 10, 10 })
        {
            await AssertNextFetchAfterAsync(clock, backend, TimeSpan.FromSeconds(0.75 * ceilingSeconds), ++fetches);
        }

        backend.Heal("token");
        await AssertNextFetchAfterAsync(clock, backend, TimeSpan.FromSeconds(7.5), ++fetches);

        // The call is recorded before the engine applies its result (backend calls run on the thread pool): the next
        // schedule exists only once it has.
        await clock.WaitForPendingTimerAsync();
        Assert.False(engine.Current.Secrets["token"].Stale);

        // The next failure starts the sequence again at the initial delay.
        backend.FailAlways("token", Transient());
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", ++fetches);
        await AssertNextFetchAfterAsync(clock, backend, TimeSpan.FromSeconds(0.75), ++fetches);
    }

    /// <summary>The engine sleeps exactly <paramref name="delay"/> after the last fetch: nothing before, the fetch at it.</summary>
    private static async Task AssertNextFetchAfterAsync(TestClock clock, FakeSecretBackend backend, TimeSpan delay, int expectedFetches)
    {
        DateTimeOffset failedAt = backend.CallsOf("fetch")[^1].At;
        DateTimeOffset due = await clock.WaitForPendingTimerAsync();
        Assert.Equal(failedAt + delay, due);

        clock.SetUtcNow(due - TimeSpan.FromMilliseconds(1));
        Assert.Equal(expectedFetches - 1, backend.Count("fetch"));

        clock.SetUtcNow(due);
        await backend.WaitForCallsAsync("fetch", expectedFetches);
        Assert.Equal(due, backend.CallsOf("fetch")[^1].At);
    }
}
