using System.IO.Hashing;

using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

internal sealed partial class GenerationWriter
{
    /// <summary>
    /// Checks the directory (tmpfs unless allowed otherwise), creates it if missing and removes what a crashed run
    /// left (a stray <c>..data_tmp</c>, generation directories <c>..data</c> does not point to, dangling links).
    /// Remembers the generation <c>..data</c> points to, so an identical first <see cref="Write"/> writes nothing.
    /// Throws <see cref="OutputDirectoryException"/> with a message naming the directory and the problem.
    /// </summary>
    public void Initialize()
    {
        lock (_gate)
        {
            InitializeCore();
        }
    }

    private void InitializeCore()
    {
        EnsurePolicy();

        EnsureDirectory();
        AdoptCurrentGeneration();
        RemoveOtherEntries(isLeftover: true);
        ReconcileLinks();
        _initialized = true;
        _logger.OutputDirectoryReady(_directory, _settings.RequireTmpfs);
    }

    private void EnsurePolicy()
    {
        IReadOnlyList<string> problems = OutputDirectoryPolicy.Problems(_settings);
        if (problems.Count > 0)
        {
            throw new OutputDirectoryException($"outputs.files.dir {string.Join("; ", problems)}");
        }
    }

    private void EnsureDirectory()
    {
        if (File.Exists(_directory))
        {
            throw new OutputDirectoryException($"outputs.files.dir '{_directory}' is a file, not a directory");
        }

        if (Directory.Exists(_directory))
        {
            // An existing directory (an emptyDir) keeps the owner and mode its creator gave it.
            return;
        }

        try
        {
            Directory.CreateDirectory(_directory, _settings.DirectoryMode);
            if (_settings.Group is int group)
            {
                LibC.SetGroup(_directory, group);
            }

            File.SetUnixFileMode(_directory, _settings.DirectoryMode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputDirectoryException($"outputs.files.dir '{_directory}' cannot be created: {ex.Message}", ex);
        }
    }

    private void AdoptCurrentGeneration()
    {
        _currentGeneration = null;
        _current = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        string dataPath = Path.Combine(_directory, DataLink);
        var data = new FileInfo(dataPath);
        string? target = data.LinkTarget;
        if (target is null)
        {
            if (Path.Exists(dataPath))
            {
                throw new OutputDirectoryException($"outputs.files.dir '{_directory}' holds a '{DataLink}' that is not a symlink; was the directory written by something else?");
            }

            return;
        }

        // Only a sibling generation directory counts; anything else is not ours and is replaced on the next write.
        string generationPath = Path.Combine(_directory, target);
        if (!IsGenerationName(target) || !Directory.Exists(generationPath) || new DirectoryInfo(generationPath).LinkTarget is not null)
        {
            RemoveEntry(dataPath);
            _logger.LeftoverRemoved(DataLink, _directory);
            return;
        }

        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(generationPath))
        {
            string name = Path.GetFileName(file);
            if (SecretName.IsValid(name))
            {
                hashes[name] = XxHash128.Hash(File.ReadAllBytes(file));
            }
        }

        _currentGeneration = target;
        _current = hashes;
        _logger.ExistingGenerationAdopted(_directory, target, hashes.Count);
    }

    private static bool IsGenerationName(string name) =>
        name.StartsWith("..", StringComparison.Ordinal)
        && name is not DataLink and not DataTmpLink and not VisibleLinkTmp
        && !name.AsSpan(2).ContainsAny('/', '\0');
}
