using Microsoft.Extensions.Logging;

namespace SecretBroker.Internal;

/// <summary>
/// Every log line of SecretBroker.Core. EventIds are a contract (1000–1099: the refresh engine); names and versions
/// appear, values never do.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Secret {Name} loaded from backend {Backend} at version {Version}.")]
    public static partial void SecretLoaded(ILogger logger, string name, string backend, string version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Secret {Name} changed: version {OldVersion} -> {NewVersion}.")]
    public static partial void SecretChanged(ILogger logger, string name, string oldVersion, string newVersion);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Refreshing secret {Name} from backend {Backend} failed ({Kind}): {Error}. Retrying in {RetryIn}.")]
    public static partial void RefreshFailed(ILogger logger, string name, string backend, Backends.SecretErrorKind kind, string error, TimeSpan retryIn);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Secret {Name} is stale: backend {Backend} is failing; serving the last good version {Version}.")]
    public static partial void SecretStale(ILogger logger, string name, string backend, string version);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Secret {Name} recovered: backend {Backend} answered again.")]
    public static partial void SecretRecovered(ILogger logger, string name, string backend);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Unexpected error during {Operation} on backend {Backend}; treated as transient.")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string operation, string backend);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Lease of secret {Name} could not be renewed ({Error}); fetching a fresh value.")]
    public static partial void LeaseNotRenewed(ILogger logger, string name, string error);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Lease of secret {Name} renewed for {Duration}.")]
    public static partial void LeaseRenewed(ILogger logger, string name, TimeSpan duration);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Secret {Name} withdrawn: the lease of version {Version} from backend {Backend} ended at {LeaseEnded:O} and no refresh replaced it; it is not served until a refresh succeeds.")]
    public static partial void SecretExpired(ILogger logger, string name, string backend, string version, DateTimeOffset leaseEnded);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Backend {Backend} is throttling (Retry-After {RetryAfter}); no calls to it until {ResumeAt:O} (throttle {Consecutive} in a row); its values are served stale meanwhile.")]
    public static partial void BackendThrottled(ILogger logger, string backend, TimeSpan retryAfter, DateTimeOffset resumeAt, int consecutive);
}
