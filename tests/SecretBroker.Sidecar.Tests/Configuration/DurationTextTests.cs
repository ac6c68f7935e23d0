using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class DurationTextTests
{
    [Theory]
    [InlineData("100ms", 100)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("1.5s", 1_500)]
    [InlineData("PT5M", 300_000)]
    [InlineData("PT1H30M", 5_400_000)]
    [InlineData("PT0.5S", 500)]
    [InlineData("P1D", 86_400_000)]
    [InlineData(" 2s ", 2_000)]
    public void Parses_go_style_and_ISO_8601_durations(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out TimeSpan value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("")]
    [InlineData("5 m")]
    [InlineData("-5s")]
    [InlineData("1.2.3s")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1M")]
    [InlineData("PT5")]
    [InlineData("5M")]
    public void Rejects_text_that_is_not_a_duration(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(100, "100ms")]
    [InlineData(300_000, "5m")]
    [InlineData(86_400_000, "24h")]
    [InlineData(90_000, "1m30s")]
    public void Formats_durations_the_way_they_are_written(long milliseconds, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
