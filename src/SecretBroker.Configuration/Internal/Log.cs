using Microsoft.Extensions.Logging;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// The providers' log lines: the sidecar provider 5000–5099, the direct provider (<c>AddSecretBroker</c>) 5100–5199.
/// Never a value: locations, names, counts and error texts.
/// </summary>
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

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "The first load of secrets is incomplete ({Loaded} of {Total} loaded); the provider is optional, so it starts with what it has and keeps retrying: {Missing}")]
    public static partial void FirstLoadIncomplete(ILogger logger, int loaded, int total, string missing);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Refreshing secret {Secret} from backend {Backend} failed; keeping its last good value (if any) and retrying with backoff: {Reason}")]
    public static partial void SecretFailing(ILogger logger, string secret, string backend, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Refreshing secret {Secret} from backend {Backend} failed again ({Failures} in a row): {Reason}")]
    public static partial void SecretFailingAgain(ILogger logger, string secret, string backend, int failures, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Secret {Secret} from backend {Backend} loads again after {Failures} failed attempts")]
    public static partial void SecretRecovered(ILogger logger, string secret, string backend, int failures);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Backend {Backend} could not be built; the provider is optional, so its secrets ({Secrets}) stay unloaded: {Reason}")]
    public static partial void BackendUnavailable(ILogger logger, string backend, string secrets, string reason, Exception exception);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "A configuration reload callback threw after SecretBroker published a change; the provider keeps refreshing")]
    public static partial void ReloadListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "The OnRefreshError callback of the SecretBroker provider threw")]
    public static partial void RefreshErrorCallbackFailed(ILogger logger, Exception exception);
}
