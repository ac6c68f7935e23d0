using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The audit trail of value reads. The first read of a (peer pid, uid, gid, secret, version) is logged at once
/// (<c>SecretRead</c>, 4010); further reads of the same key are counted and logged as one <c>SecretReadRepeated</c>
/// line (4011) with the count when the <see cref="Window"/> timer fires, so the audit cost does not grow with the read
/// rate. A key with no reads in a whole window is forgotten, so its next read is logged at once again. Pending counts
/// are flushed on <see cref="Flush"/> and <see cref="Dispose"/>: nothing is dropped.
/// </summary>
internal sealed class SecretReadAudit : IDisposable
{
    /// <summary>How long repeated reads are folded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<ReadKey, int> _repeats = [];
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private bool _disposed;

    public SecretReadAudit(TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timer = timeProvider.CreateTimer(static state => ((SecretReadAudit)state!).Flush(), this, Window, Window);
    }

    /// <summary>Records that <paramref name="peer"/> was handed <paramref name="name"/> at <paramref name="version"/>.</summary>
    public void Read(PeerCredentials peer, string name, string version)
    {
        ReadKey key = new(peer, name, version);
        lock (_gate)
        {
            if (!_disposed && _repeats.TryGetValue(key, out int repeats))
            {
                _repeats[key] = repeats + 1;
                return;
            }

            if (!_disposed)
            {
                _repeats[key] = 0;
            }
        }

        Log.SecretRead(_logger, name, version, peer.Uid, peer.Gid, peer.Pid);
    }

    /// <summary>Logs every pending count and forgets keys that were not read again.</summary>
    public void Flush()
    {
        List<(ReadKey Key, int Count)> pending = [];
        lock (_gate)
        {
            foreach ((ReadKey key, int repeats) in _repeats)
            {
                if (repeats > 0)
                {
                    pending.Add((key, repeats));
                }
            }

            _repeats.Clear();
            foreach ((ReadKey key, _) in pending)
            {
                // Still active: keep folding its reads into the next window.
                _repeats[key] = 0;
            }
        }

        foreach ((ReadKey key, int count) in pending)
        {
            Log.SecretReadRepeated(_logger, key.Name, key.Version, key.Peer.Uid, key.Peer.Gid, key.Peer.Pid, count);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        lock (_gate)
        {
            // After disposal every read is logged on its own: late requests during shutdown are not lost either.
            _disposed = true;
            _repeats.Clear();
        }
    }

    private readonly record struct ReadKey(PeerCredentials Peer, string Name, string Version);
}
