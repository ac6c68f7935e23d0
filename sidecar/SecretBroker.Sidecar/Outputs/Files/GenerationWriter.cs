using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Publishes generations to <c>outputs.files.dir</c> the way the kubelet's AtomicWriter does: a fresh
/// <c>..&lt;timestamp&gt;</c> directory, a <c>..data</c> symlink swapped by rename, and per-secret links to <c>..data/&lt;name&gt;</c>.
/// </summary>
internal sealed class GenerationWriter
{
    public GenerationWriter(FilesOutputSettings settings, TimeProvider timeProvider, Microsoft.Extensions.Logging.ILogger<GenerationWriter> logger)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Checks the directory (tmpfs unless allowed otherwise), creates it if missing and removes what a crashed run
    /// left (a stray <c>..data_tmp</c>, generation directories <c>..data</c> does not point to).
    /// Throws <see cref="OutputDirectoryException"/> with a message naming the directory and the problem.
    /// </summary>
    public void Initialize() => throw new NotImplementedException();

    /// <summary>
    /// Publishes <paramref name="generation"/> if any value differs from what is on disk; returns whether it wrote.
    /// </summary>
    public bool Write(SecretGeneration generation) => throw new NotImplementedException();
}
