using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class PermanentFailureTests
{
    [Fact]
    public async Task A_permanent_failure_of_a_slow_refreshing_secret_is_retried_after_PermanentFailureRetry_not_on_the_backoff_schedule()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.FailAlways("token", Permanent("access denied"));
        SecretRefreshEngineOptions options = Options();
        options.BackoffInitial = TimeSpan.FromSeconds(1);
        options.PermanentFailureRetry = TimeSpan.FromMinutes(10);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromHours(1))], options);

        IReadOnlyList<SecretRefreshOutcome> outcomes = await engine.StartAsync(CancellationToken.None);
        Assert.False(Assert.Single(outcomes).Succeeded);

        // Twice, to show the delay neither shrinks to a backoff nor grows like one.
        for (int retry = 2; retry <= 3; retry++)
        {
            DateTimeOffset failedAt = clock.GetUtcNow();
            Assert.Equal(failedAt + TimeSpan.FromMinutes(10), await clock.WaitForPendingTimerAsync());
            clock.SetUtcNow(failedAt + TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(retry - 1, backend.Count("fetch"));

            clock.SetUtcNow(failedAt + TimeSpan.FromMinutes(10));
            await backend.WaitForCallsAsync("fetch", retry);
        }
    }
}
