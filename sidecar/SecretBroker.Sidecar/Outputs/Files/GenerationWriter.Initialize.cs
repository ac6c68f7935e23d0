using System.IO.Hashing;

using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

internal sealed partial class GenerationWriter
{
    // Missing parents of the directory: traversable by the readers, writable by the owner only, whatever the umask.
    private const UnixFileMode ParentMode = FillingMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Checks the directory (<see cref="OutputDirectoryPolicy"/>), creates it if missing, takes its lock (one writer per
    /// directory, for the life of this writer) and removes what a crashed run of ours left (a stray <c>..data_tmp</c>,
    /// generation directories <c>..data</c> does not point to, dangling links), never an entry another uid owns or a
    /// name we do not use. Remembers the generation <c>..data</c> points to, so an identical first <see cref="Write"/>
    /// writes nothing. Throws <see cref="OutputDirectoryException"/> with a message naming the directory and the problem.
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
        if (EnsureDirectory())
        {
            // What we created (or found created under us by someone else in a race) must pass the same rules.
            EnsurePolicy();
        }

        _lock ??= OutputDirectoryLock.Acquire(_directory);
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

    /// <summary>Creates the directory and its missing parents; returns whether anything was missing.</summary>
    private bool EnsureDirectory()
    {
        // An existing directory (an emptyDir) keeps the owner and mode its creator gave it.
        if (LibC.GetStatus(_directory, followSymlink: true) is not null)
        {
            return false;
        }

        var missing = new Stack<string>();
        for (string? path = _directory; path is not null && LibC.GetStatus(path, followSymlink: true) is null; path = Path.GetDirectoryName(path))
        {
            missing.Push(path);
        }

        try
        {
            while (missing.TryPop(out string? path))
            {
                // Created owner-only, then set to the exact mode: never wider than intended, never left to the umask.
                // One that appeared meanwhile is not ours to change; the policy check that follows judges it.
                if (!LibC.MakeDirectory(path, FillingMode))
                {
                    continue;
                }

                bool isOutput = path == _directory;
                if (isOutput && _settings.Group is int group)
                {
                    LibC.SetGroup(path, group);
                }

                File.SetUnixFileMode(path, isOutput ? _settings.DirectoryMode : ParentMode);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputDirectoryException($"outputs.files.dir '{_directory}' cannot be created: {IoProblemText.Describe(ex)}", ex);
        }

        return true;
    }

    private void AdoptCurrentGeneration()
    {
        _currentGeneration = null;
        _current = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        string dataPath = Path.Combine(_directory, DataLink);
        if (LibC.GetStatus(dataPath, followSymlink: false) is not { } data)
        {
            return;
        }

        if (!data.IsSymlink)
        {
            throw new OutputDirectoryException($"outputs.files.dir '{_directory}' holds a '{DataLink}' that is not a symlink; was the directory written by something else?");
        }

        if (data.OwnerId != _self)
        {
            throw new OutputDirectoryException($"outputs.files.dir '{_directory}' holds a '{DataLink}' owned by uid {data.OwnerId}, not by this process (uid {_self}); "
                + "another writer uses this directory. Give this sidecar a directory of its own");
        }

        // Only a sibling generation directory of ours counts; a dangling link of ours is removed.
        string? target = new FileInfo(dataPath).LinkTarget;
        if (target is null || !IsOwnGeneration(target))
        {
            RemoveEntry(dataPath);
            _logger.LeftoverRemoved(DataLink, _directory);
            return;
        }

        string generationPath = Path.Combine(_directory, target);
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(generationPath))
        {
            string name = Path.GetFileName(file);
            if (SecretName.IsValid(name))
            {
                hashes[name] = XxHash128.Hash(File.ReadAllBytes(file));
            }
        }

        // The one subdirectory a generation may hold (profile: huggingface).
        string huggingFaceToken = Path.Combine(generationPath, SecretFileLayout.HuggingFaceTokenPath);
        if (LibC.GetStatus(huggingFaceToken, followSymlink: false) is { IsRegularFile: true })
        {
            hashes[SecretFileLayout.HuggingFaceTokenPath] = XxHash128.Hash(File.ReadAllBytes(huggingFaceToken));
        }

        _currentGeneration = target;
        _current = hashes;
        int secretCount = SecretCount(hashes);
        _logger.ExistingGenerationAdopted(_directory, target, secretCount);
    }

    /// <summary>A real directory named like ours (<c>..yyyy_MM_dd_HH_mm_ss.fffffff.xxxxxxxx</c>) and owned by our uid.</summary>
    private bool IsOwnGeneration(string name) =>
        IsGenerationName(name)
        && LibC.GetStatus(Path.Combine(_directory, name), followSymlink: false) is { IsDirectory: true } status
        && status.OwnerId == _self;

    private static bool IsGenerationName(string name) => GenerationNamePattern().IsMatch(name);
}
