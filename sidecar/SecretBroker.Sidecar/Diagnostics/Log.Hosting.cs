using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>
/// Log events of the CLI and hosting (EventIds 3000–3099). EventIds and names are a contract: operators alert on
/// them and tests assert them. Never log a secret value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, EventName = "Starting", Level = LogLevel.Information,
        Message = "secretbroker {Version} starting with config {ConfigPath} ({SecretCount} secrets)")]
    public static partial void Starting(ILogger logger, string version, string configPath, int secretCount);

    [LoggerMessage(EventId = 3001, EventName = "Started", Level = LogLevel.Information,
        Message = "Started: {LoadedCount} of {SecretCount} secrets loaded")]
    public static partial void Started(ILogger logger, int loadedCount, int secretCount);

    [LoggerMessage(EventId = 3002, EventName = "SecretLoadFailed", Level = LogLevel.Warning,
        Message = "Secret {SecretName} from backend {Backend} failed to load: {Error}; retrying in the background")]
    public static partial void SecretLoadFailed(ILogger logger, string secretName, string backend, string error);

    [LoggerMessage(EventId = 3003, EventName = "Stopping", Level = LogLevel.Information,
        Message = "Stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 3004, EventName = "FatalError", Level = LogLevel.Critical,
        Message = "Fatal: {Error}")]
    public static partial void FatalError(ILogger logger, string error, Exception? exception);

    [LoggerMessage(EventId = 3005, EventName = "Stopped", Level = LogLevel.Information,
        Message = "Stopped with exit code {ExitCode}")]
    public static partial void Stopped(ILogger logger, int exitCode);

    [LoggerMessage(EventId = 3006, EventName = "HangupIgnored", Level = LogLevel.Warning,
        Message = "SIGHUP ignored: restart the sidecar to apply a changed config")]
    public static partial void HangupIgnored(ILogger logger);

    [LoggerMessage(EventId = 3007, EventName = "MemoryTrimmed", Level = LogLevel.Information,
        Message = "Paged out the start's code and read-only data ({Ranges} file mappings): resident {BeforeKiB} KiB -> {AfterKiB} KiB (madvise errno {Errno})")]
    public static partial void MemoryTrimmed(ILogger logger, int ranges, long beforeKiB, long afterKiB, int errno);
}
