using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>
/// Every log message of the sidecar. EventIds are a contract (tests and dashboards match them), grouped by area:
/// 2000–2099 files output. Never a secret value; names, counts, versions and paths only.
/// </summary>
internal static partial class Log
{
    // 2000–2099: files output (GenerationWriter, FilesOutputService).
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Wrote generation {GenerationDirectory} with {SecretCount} secrets to {Directory}")]
    public static partial void GenerationWritten(this ILogger logger, string generationDirectory, int secretCount, string directory);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Generation {GenerationNumber} matches what {Directory} holds; nothing written")]
    public static partial void GenerationUnchanged(this ILogger logger, long generationNumber, string directory);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Removed {Entry} left in {Directory} by an earlier run")]
    public static partial void LeftoverRemoved(this ILogger logger, string entry, string directory);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Output directory {Directory} already holds generation {GenerationDirectory} with {SecretCount} secrets; an identical write will be skipped")]
    public static partial void ExistingGenerationAdopted(this ILogger logger, string directory, string generationDirectory, int secretCount);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Output directory {Directory} ready (tmpfs required: {RequireTmpfs})")]
    public static partial void OutputDirectoryReady(this ILogger logger, string directory, bool requireTmpfs);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Removed old generation {GenerationDirectory} from {Directory}")]
    public static partial void OldGenerationRemoved(this ILogger logger, string generationDirectory, string directory);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Could not remove {Entry} from {Directory}; will retry on the next write")]
    public static partial void RemovalFailed(this ILogger logger, string entry, string directory, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "Removed link {SecretName} from {Directory}: the secret is no longer delivered")]
    public static partial void SecretLinkRemoved(this ILogger logger, string secretName, string directory);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Writing generation {GenerationNumber} to the files output failed; retrying with the next generation")]
    public static partial void FilesWriteFailed(this ILogger logger, long generationNumber, Exception exception);
}
