using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Cli;

/// <summary>Reads <c>SECRETBROKER_LOG_LEVEL</c>: a <see cref="LogLevel"/> name, any case; unset means Information.</summary>
internal static class LogLevelText
{
    public static bool TryParse(string? text, out LogLevel level)
    {
        level = LogLevel.Information;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // Names only: a number would be accepted by Enum.TryParse but means nothing to an operator.
        return !char.IsAsciiDigit(text.Trim()[0])
            && Enum.TryParse(text.Trim(), ignoreCase: true, out level)
            && Enum.IsDefined(level);
    }
}
