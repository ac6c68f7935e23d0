using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Engine.Throttling.Throttles;

namespace SecretBroker.Core.Tests.Engine.Throttling;

public class ResumeSpreadTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 10)]
    [InlineData(50, 10)]
    public void The_resume_window_doubles_from_one_second_and_stops_at_ten(int consecutive, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SecretRefreshEngine.ResumeWindow(consecutive));

    [Fact]
    public async Task Consecutive_throttles_resume_later_each_time_and_a_success_starts_again_from_one_second()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, null, "a");
        backend.FailAlways("a", Throttle(TimeSpan.FromSeconds(10)));
        await using SecretRefreshEngine engine = Create(clock, backend, "a");
        await engine.StartAsync(CancellationToken.None);

        // Retry-After 10 s plus half of 1, 2, 4, 8, 10, 10 s.
        for (int calls = 2; calls <= 6; calls++)
        {
            await clock.AdvanceToNextTimerAsync();
            await backend.WaitForCallsAsync("fetch", calls);
        }

        backend.Heal("a");
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 7);
        await engine.WaitForGenerationAsync(0, CancellationToken.None).Bounded();
        backend.FailNext("a", Throttle(TimeSpan.FromSeconds(10)));
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 8);
        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 9);

        DateTimeOffset[] at = [.. backend.CallsOf("fetch").Select(static c => c.At)];
        double[] gaps = [.. at.Zip(at.Skip(1), static (a, b) => (b - a).TotalSeconds)];
        Assert.Equal([10.5, 11, 12, 14, 15, 15], gaps[..6]);
        Assert.Equal(10.5, gaps[7]);
    }
}
