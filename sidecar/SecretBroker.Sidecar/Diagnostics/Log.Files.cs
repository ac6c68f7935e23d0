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

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Writing generation {GenerationNumber} to {Directory} failed: {Reason}; the files output is behind (readiness 503) and is retried in {RetryIn} with the newest generation")]
    public static partial void FilesWriteFailed(this ILogger logger, long generationNumber, string directory, string reason, TimeSpan retryIn, Exception? exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Files output caught up: generation {GenerationNumber} is in {Directory} after {FailedAttempts} failed attempts")]
    public static partial void FilesCaughtUp(this ILogger logger, long generationNumber, string directory, int failedAttempts);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Repaired {Entry} in {Directory}: it no longer led to the current generation {GenerationDirectory}")]
    public static partial void LayoutRepaired(this ILogger logger, string entry, string directory, string generationDirectory);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Debug, Message = "Writing generation {GenerationNumber} to {Directory} failed again ({FailedAttempts} attempts so far): {Reason}; retrying in {RetryIn}")]
    public static partial void FilesWriteFailedAgain(this ILogger logger, long generationNumber, string directory, int failedAttempts, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "Left {Entry} in {Directory} alone: the sidecar did not create it (another uid owns it, or the name is not one the sidecar uses)")]
    public static partial void ForeignEntryLeft(this ILogger logger, string entry, string directory);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Generation {GenerationDirectory} in {Directory} was removed or emptied by something else; the current generation is written again")]
    public static partial void GenerationLost(this ILogger logger, string generationDirectory, string directory);
}
