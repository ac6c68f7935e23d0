using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

// The version key kept in the files directory (EventIds 3080–3089, in the hosting range). Never the key itself.
internal static partial class Log
{
    [LoggerMessage(EventId = 3080, EventName = "VersionKeyCreated", Level = LogLevel.Information,
        Message = "Created the version key {Path}: versions of unchanged values stay the same across restarts while the directory lives")]
    public static partial void VersionKeyCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 3081, EventName = "VersionKeyReplaced", Level = LogLevel.Warning,
        Message = "The version key {Path} was not used ({Reason}); replacing it, so every version changes once")]
    public static partial void VersionKeyReplaced(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3082, EventName = "VersionKeyUnavailable", Level = LogLevel.Warning,
        Message = "The version key {Path} cannot be kept ({Reason}); using a random key for this process, so versions change at a restart")]
    public static partial void VersionKeyUnavailable(ILogger logger, string path, string reason);
}
