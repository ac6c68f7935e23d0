using System.Globalization;
using System.IO.Hashing;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Publishes generations to <c>outputs.files.dir</c> the way the kubelet's AtomicWriter does: a fresh
/// <c>..&lt;timestamp&gt;</c> directory, a <c>..data</c> symlink swapped by rename, and per-secret links to <c>..data/&lt;name&gt;</c>.
/// A reader opening <c>&lt;dir&gt;/&lt;name&gt;</c> sees the old set or the new set, never a partial file.
/// </summary>
/// <remarks>
/// Thread-safe; one writer per directory, enforced by <see cref="OutputDirectoryLock"/>. Unlike the kubelet,
/// a replaced generation is deleted only after <see cref="RetiredGenerationGrace"/>, so an open that resolved
/// <c>..data</c> just before a swap still finds its file.
/// </remarks>
internal sealed partial class GenerationWriter
{
    private const string DataLink = "..data";
    private const string DataTmpLink = "..data_tmp";
    private const string VisibleLinkTmp = "..link_tmp";

    /// <summary>One generation as files: relative path → bytes and hash; the paths of values that did not fit their format.</summary>
    private sealed class RenderedGeneration
    {
        public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, byte[]> Hashes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Unfit { get; } = new(StringComparer.Ordinal);
    }

    // A key file another part of the sidecar keeps in the directory: never removed, never taken for a generation.

    // Owner-only while a generation is being filled, so the writer can create files whatever DirectoryMode says.
    private const UnixFileMode FillingMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly FilesOutputSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GenerationWriter> _logger;
    private readonly string _directory;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _retainedPaths;
    private readonly SecretFileLayout _layout;
    private readonly uint _self = LibC.EffectiveUserId();

    // Entries we found but did not create: logged once each, never removed.
    private readonly HashSet<string> _leftAlone = new(StringComparer.Ordinal);

    private ExclusiveLockFile? _lock;

    private bool _initialized;
    private bool _linksNeedRepair;
    private string? _currentGeneration;
    // Relative path in the generation ("<name>", "hf/token") -> hash of the bytes written there.
    private Dictionary<string, byte[]> _current = new(StringComparer.Ordinal);

    /// <param name="settings">The <c>outputs.files</c> section.</param>
    /// <param name="timeProvider">Clock for generation directory names.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="retainedNames">
    /// Secrets still configured. One that is on disk but missing from a generation (not loaded yet by this process, e.g.
    /// after a restart while its backend is down) keeps its last delivered value instead of disappearing.
    /// </param>
    /// <param name="layout">Which files each secret becomes (profiles, formats); every secret raw when absent.</param>
    public GenerationWriter(
        FilesOutputSettings settings, TimeProvider timeProvider, ILogger<GenerationWriter> logger, IReadOnlySet<string>? retainedNames = null, SecretFileLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
        _layout = layout ?? SecretFileLayout.Raw;
        _retainedPaths = (retainedNames ?? new HashSet<string>()).SelectMany(_layout.PathsOf).ToHashSet(StringComparer.Ordinal);
        _directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(settings.Directory));
    }

    /// <summary>The full path of the output directory.</summary>
    public string OutputPath => _directory;

    /// <summary>
    /// Publishes <paramref name="generation"/> if any value differs from what is on disk; returns whether it wrote.
    /// Initializes the directory first if <see cref="Initialize"/> has not run.
    /// </summary>
    /// <exception cref="ArgumentException">A secret name is not valid (<see cref="SecretName.IsValid"/>); nothing is written.</exception>
    public bool Write(SecretGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        ObjectDisposedException.ThrowIf(_disposed, this);
        RenderedGeneration rendered = Render(generation);
        Dictionary<string, byte[]> hashes = rendered.Hashes;
        lock (_gate)
        {
            if (!_initialized)
            {
                InitializeCore();
            }

            List<string> carried = CarryOverRetained(hashes, rendered.Unfit);
            if (SameAsCurrent(hashes))
            {
                if (_linksNeedRepair)
                {
                    ReconcileLinks();
                    _linksNeedRepair = false;
                }

                _logger.GenerationUnchanged(generation.Number, _directory);
                return false;
            }

            string generationName = NewGenerationName();
            string generationPath = Path.Combine(_directory, generationName);
            try
            {
                FillGeneration(generationPath, rendered.Files, carried);
                PublishData(generationName);
            }
            catch
            {
                TryRemove(generationPath);
                throw;
            }

            string? replaced = _currentGeneration;
            _currentGeneration = generationName;
            _current = hashes;
            int secretCount = SecretCount(hashes);
            _logger.GenerationWritten(generationName, secretCount, _directory);

            // From here the new set is live. Links are tidied now, or by the next Write if this throws (or by Initialize
            // after a crash). The replaced generation is kept for a grace period (readers mid-open may still reach it);
            // anything else that is neither current nor kept is removed, and retried on the next write if that fails.
            Retire(replaced);
            _linksNeedRepair = true;
            ReconcileLinks();
            _linksNeedRepair = false;
            RemoveOtherEntries(isLeftover: false);
            return true;
        }
    }

    /// <summary>
    /// The files <paramref name="generation"/> becomes. A value that does not fit its secret's profile or format is left
    /// out and logged (never the value): its paths are listed in <see cref="RenderedGeneration.Unfit"/>, so the last good
    /// file is carried over and the other secrets are written as usual.
    /// </summary>
    private RenderedGeneration Render(SecretGeneration generation)
    {
        RenderedGeneration rendered = new();
        foreach ((string name, SecretEntry entry) in generation.Secrets)
        {
            // Defence in depth: configuration validated the names already, but a name is a path component here.
            if (!SecretName.IsValid(name))
            {
                throw new ArgumentException($"secret name '{name}' cannot be written as a file: names must match {SecretName.Pattern}", nameof(generation));
            }

            if (_layout.Render(name, entry.Value, out string? problem) is not { } files)
            {
                _logger.SecretDoesNotFitLayout(name, entry.Version, _layout.DescribeLayout(name), problem!, _directory);
                rendered.Unfit.UnionWith(_layout.PathsOf(name));
                continue;
            }

            foreach ((string path, byte[] content) in files)
            {
                rendered.Files[path] = content;
                rendered.Hashes[path] = XxHash128.Hash(content);
            }
        }

        return rendered;
    }

    /// <summary>
    /// Adds the on-disk hash of every path the generation lacks that is retained (a configured secret not loaded yet) or
    /// unfit (its new value does not fit its format); returns those paths.
    /// </summary>
    private List<string> CarryOverRetained(Dictionary<string, byte[]> hashes, HashSet<string> unfit)
    {
        var carried = new List<string>();
        foreach ((string path, byte[] hash) in _current)
        {
            if (!hashes.ContainsKey(path) && (_retainedPaths.Contains(path) || unfit.Contains(path)))
            {
                hashes[path] = hash;
                carried.Add(path);
            }
        }

        return carried;
    }

    /// <summary>Secrets, not files: <c>hf/token</c> repeats a secret.</summary>
    private static int SecretCount(Dictionary<string, byte[]> hashes) => hashes.Keys.Count(path => !path.Contains('/', StringComparison.Ordinal));

    private bool SameAsCurrent(Dictionary<string, byte[]> hashes) =>
        hashes.Count == _current.Count
        && hashes.All(pair => _current.TryGetValue(pair.Key, out byte[]? current) && current.AsSpan().SequenceEqual(pair.Value));

    private string NewGenerationName()
    {
        string stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss.fffffff", CultureInfo.InvariantCulture);
        while (true)
        {
            string name = $"..{stamp}.{Random.Shared.GetHexString(8, lowercase: true)}";
            if (!Path.Exists(Path.Combine(_directory, name)))
            {
                return name;
            }
        }
    }

    private void FillGeneration(string generationPath, Dictionary<string, byte[]> files, List<string> carried)
    {
        Directory.CreateDirectory(generationPath, FillingMode);
        HashSet<string> subdirectories = new(StringComparer.Ordinal);
        foreach ((string path, byte[] content) in files)
        {
            WriteSecretFile(PrepareFilePath(generationPath, path, subdirectories), content);
        }

        foreach (string path in carried)
        {
            // The last delivered value, from the generation being replaced (tmpfs; never leaves it).
            byte[] last = File.ReadAllBytes(Path.Combine(_directory, _currentGeneration!, path));
            WriteSecretFile(PrepareFilePath(generationPath, path, subdirectories), last);
        }

        foreach (string subdirectory in subdirectories)
        {
            SetDirectoryOwnershipAndMode(Path.Combine(generationPath, subdirectory));
        }

        SetDirectoryOwnershipAndMode(generationPath);
    }

    /// <summary>The full path of <paramref name="path"/> in the generation, creating its subdirectory (owner-only while filling).</summary>
    private static string PrepareFilePath(string generationPath, string path, HashSet<string> subdirectories)
    {
        string top = SecretFileLayout.TopLevelOf(path);
        if (top.Length != path.Length && subdirectories.Add(top))
        {
            Directory.CreateDirectory(Path.Combine(generationPath, top), FillingMode);
        }

        return Path.Combine(generationPath, path);
    }

    private void SetDirectoryOwnershipAndMode(string path)
    {
        if (_settings.Group is int group)
        {
            LibC.SetGroup(path, group);
        }

        // Exactly the configured mode (neither umask nor chown may leave it different).
        File.SetUnixFileMode(path, _settings.DirectoryMode);
    }

    private void WriteSecretFile(string path, byte[] value)
    {
        // Created with the final mode, never wider: the file is not world-readable even for an instant.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = _settings.FileMode,
        };
        using var stream = new FileStream(path, options);
        stream.Write(value);
        stream.Flush(flushToDisk: true);
        if (_settings.Group is int group)
        {
            LibC.SetGroup(stream.SafeFileHandle, group, path);
        }

        // The umask may have stripped bits from UnixCreateMode, and chown may clear set-id bits: set the exact mode.
        File.SetUnixFileMode(stream.SafeFileHandle, _settings.FileMode);
    }

    [GeneratedRegex(@"^\.\.[0-9]{4}_[0-9]{2}_[0-9]{2}_[0-9]{2}_[0-9]{2}_[0-9]{2}\.[0-9]{7}\.[0-9a-f]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex GenerationNamePattern();

    private void PublishData(string generationName)
    {
        string tmp = Path.Combine(_directory, DataTmpLink);
        RemoveOwnTemporary(tmp);
        File.CreateSymbolicLink(tmp, generationName);

        // rename(2) replaces ..data in one step; every open after this resolves to the new generation.
        LibC.Rename(tmp, Path.Combine(_directory, DataLink));
    }
}
