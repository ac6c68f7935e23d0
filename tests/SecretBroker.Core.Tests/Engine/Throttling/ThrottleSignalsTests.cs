using Microsoft.Extensions.Logging;
using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Engine.Throttling.Throttles;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine.Throttling;

public class ThrottleSignalsTests
{
    [Fact]
    public async Task Each_pause_logs_one_warning_1010_and_counts_one_throttle_for_its_backend()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, null, "a", "b", "c");
        var logs = new RecordingLoggerFactory();
        using var meters = new RecordingMeterFactory();
        await using var engine = new SecretRefreshEngine(
            [.. new[] { "a", "b", "c" }.Select(static n => Secret(n, Refresh, backend: "kv"))],
            new Dictionary<string, ISecretBackend> { ["kv"] = backend },
            HalfwayOptions(),
            clock,
            logs,
            meters);
        await engine.LoadAsync(CancellationToken.None);
        backend.FailNext("a", Throttle());
        backend.FailNext("b", Throttle());

        await engine.RefreshAsync("a", CancellationToken.None).Bounded();
        await engine.RefreshAsync("c", CancellationToken.None).Bounded();
        Assert.Equal(1, meters.Sum("secretbroker.backend.throttled", "kv"));

        clock.Advance(RetryAfter + TimeSpan.FromSeconds(0.5));
        await engine.RefreshAsync("b", CancellationToken.None).Bounded();

        Assert.Equal(2, meters.Sum("secretbroker.backend.throttled", "kv"));
        (LogLevel Level, EventId Id, string Message)[] throttled = [.. logs.Entries.Where(static e => e.Id.Id == 1010)];
        Assert.Equal(2, throttled.Length);
        Assert.All(throttled, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains("Backend kv is throttling", throttled[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(throttled, e => e.Message.Contains("-value", StringComparison.Ordinal));
    }
}
