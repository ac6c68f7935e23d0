using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Cli;

namespace SecretBroker.Sidecar.Tests.Cli;

public class LogLevelTextTests
{
    [Theory]
    [InlineData(null, LogLevel.Information)]
    [InlineData("", LogLevel.Information)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("NONE", LogLevel.None)]
    public void SECRETBROKER_LOG_LEVEL_accepts_level_names_in_any_case(string? text, LogLevel expected)
    {
        Assert.True(LogLevelText.TryParse(text, out LogLevel level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("verbose")]
    [InlineData("42")]
    public void Numbers_and_unknown_names_are_rejected(string text) => Assert.False(LogLevelText.TryParse(text, out _));
}
