using Microsoft.Extensions.Primitives;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class ConditionalRequestTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("30", 30)]
    [InlineData("300", 300)]
    public void Whole_seconds_up_to_300_are_a_wait(string text, int seconds)
    {
        Assert.True(ConditionalRequest.TryParseWait(new StringValues(text), out TimeSpan? wait));
        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
    }

    [Fact]
    public void No_wait_is_fine_and_means_none()
    {
        Assert.True(ConditionalRequest.TryParseWait(StringValues.Empty, out TimeSpan? wait));
        Assert.Null(wait);
    }

    [Theory]
    [InlineData("301")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("5s")]
    [InlineData(" 5")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0300")]
    [InlineData("99999999999")]
    public void Anything_else_is_a_bad_wait(string text) =>
        Assert.False(ConditionalRequest.TryParseWait(new StringValues(text), out _));

    [Fact]
    public void Two_waits_are_a_bad_wait() =>
        Assert.False(ConditionalRequest.TryParseWait(new StringValues(["1", "2"]), out _));

    [Theory]
    [InlineData("\"v1\"", true)]
    [InlineData("W/\"v1\"", true)]
    [InlineData("\"v0\", \"v1\"", true)]
    [InlineData("*", true)]
    [InlineData("\"v2\"", false)]
    [InlineData("v1", false)]
    [InlineData("\"v1", false)]
    [InlineData("", false)]
    public void If_none_match_compares_quoted_versions(string header, bool matches) =>
        Assert.Equal(matches, ConditionalRequest.Matches(new StringValues(header), "v1"));

    [Fact]
    public void The_etag_is_the_quoted_version() => Assert.Equal("\"abc\"", ConditionalRequest.ETag("abc"));
}
