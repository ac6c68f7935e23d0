using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// The exclusive lock of one output directory, <c>&lt;dir&gt;/..lock</c> (an <see cref="ExclusiveLockFile"/>), held for
/// the life of the writer. Two sidecars writing one directory would delete each other's generations (readers saw
/// ENOENT); the second one is refused instead, naming the first one's pid.
/// </summary>
internal static class OutputDirectoryLock
{
    /// <summary>The lock file's name in the output directory (reserved: never removed, never a generation).</summary>
    public const string FileName = "..lock";

    /// <summary>Takes the lock of <paramref name="directory"/>.</summary>
    /// <exception cref="OutputDirectoryException">Another process holds it, or the lock file cannot be used.</exception>
    public static ExclusiveLockFile Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        ExclusiveLockFile.Attempt attempt;
        try
        {
            attempt = ExclusiveLockFile.TryAcquire(path);
        }
        catch (IOException ex)
        {
            throw new OutputDirectoryException($"outputs.files.dir '{directory}': cannot lock '{FileName}': {IoProblemText.Describe(ex)}", ex);
        }

        return attempt switch
        {
            { Lock: { } held } => held,
            { NotOurs: true } => throw new OutputDirectoryException(
                $"outputs.files.dir '{directory}' holds a '{FileName}' that is not a regular file owned by this process's uid; "
                + "another user or program uses this directory. Give this sidecar a directory of its own"),
            _ => throw new OutputDirectoryException(
                $"outputs.files.dir '{directory}' is in use by another secretbroker (pid {attempt.Holder}, holding '{path}'); "
                + "two sidecars must not write one directory: give each its own outputs.files.dir, or stop the other one"),
        };
    }
}
