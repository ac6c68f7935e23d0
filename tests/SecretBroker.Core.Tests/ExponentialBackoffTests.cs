namespace SecretBroker.Core.Tests;

public class ExponentialBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_ceiling_doubles_from_the_initial_delay_until_the_cap()
    {
        var backoff = new ExponentialBackoff(Initial, Max, new Random(1));

        TimeSpan[] ceilings = [.. Enumerable.Range(0, 9).Select(backoff.Ceiling)];

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], ceilings.Select(c => c.TotalSeconds));
        Assert.Equal(Max, backoff.Ceiling(10_000));
    }

    [Fact]
    public void Delays_never_exceed_the_ceiling_of_their_attempt_and_are_spread_out()
    {
        var backoff = new ExponentialBackoff(Initial, Max, new Random(42));

        for (int attempt = 0; attempt < 12; attempt++)
        {
            TimeSpan ceiling = TimeSpan.FromTicks(Math.Min(Max.Ticks, Initial.Ticks << attempt));
            TimeSpan[] delays = [.. Enumerable.Range(0, 500).Select(_ => backoff.NextDelay(attempt))];

            Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
            Assert.True(delays.Distinct().Count() > 400, $"attempt {attempt}: full jitter should spread the delays");
            Assert.True(delays.Max() > ceiling * 0.9, $"attempt {attempt}: delays should reach near the ceiling");
        }
    }

    [Fact]
    public void Retry_after_lengthens_a_shorter_delay_but_never_shortens_one()
    {
        var backoff = new ExponentialBackoff(Initial, Max, new Random(7));

        Assert.Equal(TimeSpan.FromSeconds(30), backoff.NextDelay(0, TimeSpan.FromSeconds(30)));
        Assert.True(backoff.NextDelay(0, TimeSpan.FromTicks(1)) <= Initial);
    }

    [Fact]
    public void By_default_a_delay_is_exactly_the_draw_times_the_ceiling_as_the_engine_has_always_used_it()
    {
        var backoff = new ExponentialBackoff(Initial, Max, new Random(3));
        var same = new Random(3);

        for (int attempt = 0; attempt < 8; attempt++)
        {
            Assert.Equal(TimeSpan.FromTicks((long)(same.NextDouble() * backoff.Ceiling(attempt).Ticks)), backoff.NextDelay(attempt));
        }
    }

    [Fact]
    public void A_jitter_floor_keeps_every_delay_at_or_above_that_fraction_of_its_ceiling()
    {
        var backoff = new ExponentialBackoff(Initial, Max, new Random(11)) { JitterFloor = 0.1 };

        for (int attempt = 0; attempt < 10; attempt++)
        {
            TimeSpan ceiling = backoff.Ceiling(attempt);
            TimeSpan[] delays = [.. Enumerable.Range(0, 500).Select(_ => backoff.NextDelay(attempt))];

            Assert.All(delays, d => Assert.InRange(d, ceiling * 0.1, ceiling));
            Assert.True(delays.Min() < ceiling * 0.15, $"attempt {attempt}: delays should still reach near the floor");
        }
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void A_jitter_floor_outside_zero_to_one_is_refused(double floor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(Initial, Max, Random.Shared) { JitterFloor = floor });
}
