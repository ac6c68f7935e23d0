using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class JitterTests
{
    [Fact]
    public async Task Refresh_intervals_stay_within_ten_percent_of_the_interval_and_vary()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        TimeSpan refresh = TimeSpan.FromMinutes(5);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", refresh)], Options(new Random(20250101)));
        await engine.StartAsync(CancellationToken.None);

        for (int cycle = 1; cycle <= 200; cycle++)
        {
            await clock.AdvanceToNextTimerAsync();
            await backend.WaitForCallsAsync("fetch", cycle + 1);
        }

        DateTimeOffset[] fetchedAt = [.. backend.CallsOf("fetch").Select(c => c.At)];
        TimeSpan[] intervals = [.. fetchedAt.Zip(fetchedAt.Skip(1), static (a, b) => b - a)];
        Assert.Equal(200, intervals.Length);
        Assert.All(intervals, i => Assert.InRange(i, refresh * 0.9, refresh * 1.1));
        Assert.True(intervals.Distinct().Count() > 100, "the jitter should spread the intervals");
    }
}
