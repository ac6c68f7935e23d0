using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>
/// Log events of <c>secretbroker run --once</c> (EventIds 3040–3049, inside the CLI and hosting range). Names, backends,
/// counts and paths only; never a value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3040, EventName = "OnceDelivered", Level = LogLevel.Information,
        Message = "run --once: {LoadedCount} of {SecretCount} secrets loaded and written to {Directory}; exiting")]
    public static partial void OnceDelivered(ILogger logger, int loadedCount, int secretCount, string directory);

    [LoggerMessage(EventId = 3041, EventName = "OnceRequiredSecretFailed", Level = LogLevel.Error,
        Message = "run --once: required secret {SecretName} from backend {Backend} could not be loaded: {Error}; nothing was written")]
    public static partial void OnceRequiredSecretFailed(ILogger logger, string secretName, string backend, string error);

    [LoggerMessage(EventId = 3042, EventName = "OnceOptionalSecretFailed", Level = LogLevel.Warning,
        Message = "run --once: optional secret {SecretName} from backend {Backend} could not be loaded: {Error}; written without it")]
    public static partial void OnceOptionalSecretFailed(ILogger logger, string secretName, string backend, string error);

    [LoggerMessage(EventId = 3043, EventName = "OnceInterrupted", Level = LogLevel.Warning,
        Message = "run --once: interrupted by {Signal} before the files were written")]
    public static partial void OnceInterrupted(ILogger logger, string signal);
}
