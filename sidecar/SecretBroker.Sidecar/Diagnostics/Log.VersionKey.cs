using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

// State kept in the files directory (EventIds 3080–3089, in the hosting range): the version key (never the key itself)
// and, from 3085, the vault backends' login rate limit.
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

    [LoggerMessage(EventId = 3085, EventName = "VaultLoginStateIgnored", Level = LogLevel.Warning,
        Message = "The Vault login rate-limit state {Path} was not used ({Reason}); starting from a full bucket")]
    public static partial void VaultLoginStateIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3086, EventName = "VaultLoginStateNotKept", Level = LogLevel.Warning,
        Message = "The Vault login rate-limit state {Path} cannot be written ({Reason}); the limit holds in this process but a restart starts from a full bucket")]
    public static partial void VaultLoginStateNotKept(ILogger logger, string path, string reason);
}
