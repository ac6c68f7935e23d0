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

            List<string> carried = CarryOverRetained(hashes, rendered.Unfit, rendered.Expired);
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

    [GeneratedRegex(@"^\.\.[0-9]{4}_[0-9]{2}_[0-9]{2}_[0-9]{2}_[0-9]{2}_[0-9]{2}\.[0-9]{7}\.[0-9a-f]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex GenerationNamePattern();
}
