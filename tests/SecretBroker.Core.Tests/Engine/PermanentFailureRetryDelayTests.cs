using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

// A secret deleted and then restored used to stay stale for PermanentFailureRetry (5 min) whatever its refresh; it is
// now retried at max(refresh, 30 s), capped at PermanentFailureRetry.
public class PermanentFailureRetryDelayTests
{
    public static TheoryData<int, int> RefreshAndExpectedRetrySeconds() => new()
    {
        { 1, 30 },       // a tight refresh still waits 30 s between retries of a refusal
        { 120, 120 },    // the secret's own interval
        { 3600, 300 },   // never later than PermanentFailureRetry (5 min by default)
    };

    [Theory]
    [MemberData(nameof(RefreshAndExpectedRetrySeconds))]
    public async Task A_loaded_secret_that_disappears_is_retried_at_its_refresh_but_at_least_30s_and_at_most_5min(int refreshSeconds, int expectedRetrySeconds)
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        SecretRefreshEngineOptions options = Options();
        options.RefreshJitter = 0;
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromSeconds(refreshSeconds))], options);
        await engine.StartAsync(CancellationToken.None);

        // Deleted: the next refresh fails permanently.
        backend.FailNext("token", Permanent("secret 'token' not found"));
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 2);
        DateTimeOffset failedAt = backend.CallsOf("fetch")[1].At;
        await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();
        Assert.True(engine.Current.Secrets["token"].Stale);

        // Restored: picked up at the retry, not five minutes later.
        Assert.Equal(failedAt + TimeSpan.FromSeconds(expectedRetrySeconds), await clock.WaitForPendingTimerAsync());
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 3);
        Assert.Equal(failedAt + TimeSpan.FromSeconds(expectedRetrySeconds), backend.CallsOf("fetch")[2].At);
        await engine.WaitForGenerationAsync(2, CancellationToken.None).Bounded();
        Assert.False(engine.Current.Secrets["token"].Stale);
    }

    [Fact]
    public async Task A_PermanentFailureRetry_shorter_than_30s_is_still_the_cap()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.FailAlways("token", Permanent());
        SecretRefreshEngineOptions options = Options();
        options.PermanentFailureRetry = TimeSpan.FromSeconds(10);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromSeconds(1))], options);
        DateTimeOffset start = clock.GetUtcNow();

        await engine.StartAsync(CancellationToken.None);

        Assert.Equal(start + TimeSpan.FromSeconds(10), await clock.WaitForPendingTimerAsync());
    }
}
