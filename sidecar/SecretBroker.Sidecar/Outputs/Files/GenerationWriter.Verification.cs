using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

internal sealed partial class GenerationWriter
{
    /// <summary>
    /// Checks the published layout with a few <c>lstat</c>/<c>readlink</c> calls and repairs it: the current generation
    /// directory and its files (<c>hf/token</c> included) still exist, <c>..data</c> points to it, and each
    /// <c>&lt;name&gt;</c> (and <c>hf</c>) points to <c>..data/&lt;name&gt;</c>. Something else (an operator, a cleanup job) may have replaced or deleted them between
    /// writes; without this they would stay broken until the next change.
    /// </summary>
    /// <exception cref="IOException">A repair failed (retried by the caller).</exception>
    public LayoutCheck VerifyLayout()
    {
        lock (_gate)
        {
            if (!_initialized || _disposed || _currentGeneration is not { } generation)
            {
                return LayoutCheck.Intact;
            }

            if (!IsGenerationComplete(generation))
            {
                _logger.GenerationLost(generation, _directory);
                _currentGeneration = null;
                _current = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                return LayoutCheck.GenerationLost;
            }

            bool repaired = false;
            if (new FileInfo(Path.Combine(_directory, DataLink)).LinkTarget != generation)
            {
                PublishData(generation);
                _logger.LayoutRepaired(DataLink, _directory, generation);
                repaired = true;
            }

            foreach (string name in CurrentTopLevel())
            {
                if (new FileInfo(Path.Combine(_directory, name)).LinkTarget != $"{DataLink}/{name}")
                {
                    _logger.LayoutRepaired(name, _directory, generation);
                    repaired = true;
                }
            }

            if (repaired)
            {
                ReconcileLinks();
            }

            return repaired ? LayoutCheck.Repaired : LayoutCheck.Intact;
        }
    }

    private bool IsGenerationComplete(string generation)
    {
        string generationPath = Path.Combine(_directory, generation);
        if (LibC.GetStatus(generationPath, followSymlink: false) is not { IsDirectory: true })
        {
            return false;
        }

        foreach (string name in _current.Keys)
        {
            if (LibC.GetStatus(Path.Combine(generationPath, name), followSymlink: false) is not { IsRegularFile: true })
            {
                return false;
            }
        }

        return true;
    }
}
