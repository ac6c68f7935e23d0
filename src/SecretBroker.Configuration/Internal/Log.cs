using Microsoft.Extensions.Logging;

namespace SecretBroker.Configuration.Internal;

/// <summary>The sidecar provider's log lines (EventIds 5000–5099). Never a value: locations, counts and error texts.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Reading the secretbroker sidecar at {Location} failed; keeping the last good configuration and retrying with backoff: {Reason}")]
    public static partial void WatchFailed(ILogger logger, string location, string reason, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Reading the secretbroker sidecar at {Location} failed again ({Failures} in a row): {Reason}")]
    public static partial void WatchFailedAgain(ILogger logger, string location, int failures, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "The secretbroker sidecar at {Location} answers again after {Failures} failed attempts")]
    public static partial void WatchRecovered(ILogger logger, string location, int failures);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "A configuration reload callback threw after the secretbroker sidecar at {Location} delivered a change; the provider keeps watching")]
    public static partial void ChangeListenerFailed(ILogger logger, string location, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The OnRefreshError callback of the secretbroker sidecar provider at {Location} threw")]
    public static partial void ErrorCallbackFailed(ILogger logger, string location, Exception exception);
}
