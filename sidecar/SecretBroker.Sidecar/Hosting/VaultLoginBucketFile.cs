using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;
using SecretBroker.Vault;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// A vault backend's login rate limit kept at <c>&lt;outputs.files.dir&gt;/..vault-logins-&lt;backend&gt;</c> (mode 0600,
/// ours): on the tmpfs volume it outlives a container restart in the same pod, so a crash-looping sidecar shares one
/// bucket across its restarts and cannot mint more than a few Vault tokens a minute (vault-k8s#210). It holds no
/// secret: the bucket's level and when it was measured (<c>v1 &lt;tokens&gt; &lt;unix ms&gt;</c>). The file is read
/// once; this process is its only writer (the files directory is locked by one sidecar), so later loads answer from
/// memory and a file that cannot be written never lets the bucket refill early.
/// </summary>
internal sealed class VaultLoginBucketFile : IVaultLoginBucketStore
{
    /// <summary>The prefix of these files' names (reserved: the files output never removes them).</summary>
    public const string Prefix = "..vault-logins-";

    private const int MaxSize = 128;

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private VaultLoginBucketState? _current;
    private bool _loaded;
    private bool _saveFailed;

    public VaultLoginBucketFile(string directory, string backend, ILogger logger)
    {
        _path = Path.Combine(directory, Prefix + backend);
        _logger = logger;
    }

    public VaultLoginBucketState? Load()
    {
        lock (_gate)
        {
            if (!_loaded)
            {
                _loaded = true;
                _current = Read(out string? refusal);
                if (refusal is not null)
                {
                    Log.VaultLoginStateIgnored(_logger, _path, refusal);
                }
            }

            return _current;
        }
    }

    public void Save(VaultLoginBucketState state)
    {
        lock (_gate)
        {
            _loaded = true;
            _current = state;
            try
            {
                Write(state);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (!_saveFailed)
                {
                    _saveFailed = true;
                    Log.VaultLoginStateNotKept(_logger, _path, ex.Message);
                }
            }
        }
    }

    private VaultLoginBucketState? Read(out string? refusal)
    {
        if (OwnedStateFile.Read(_path, exactSize: null, MaxSize, out refusal) is not { } bytes)
        {
            return null;
        }

        string[] parts = Encoding.ASCII.GetString(bytes).Split(' ');
        if (parts is ["v1", var tokensText, var atText]
            && double.TryParse(tokensText, NumberStyles.Float, CultureInfo.InvariantCulture, out double tokens)
            && double.IsFinite(tokens)
            && long.TryParse(atText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long unixMs)
            && unixMs is > 0 and < 253402300799999)
        {
            return new VaultLoginBucketState(tokens, DateTimeOffset.FromUnixTimeMilliseconds(unixMs));
        }

        refusal = StateFileMessages.NotExpectedContent;
        return null;
    }

    // Written aside with O_CREAT|O_EXCL (never through a symlink), then renamed over: a reader sees the old or the new.
    private void Write(VaultLoginBucketState state)
    {
        string temporary = _path + ".tmp";
        if (File.Exists(temporary) || LibC.GetFileType(temporary) is not null)
        {
            File.Delete(temporary); // a symlink is removed itself, never its target
        }

        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1 {state.Tokens:R} {state.UpdatedAt.ToUnixTimeMilliseconds()}")));
        }

        LibC.Rename(temporary, _path);
    }
}
