using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The audit trail of denials, folded like <see cref="SecretReadAudit"/> folds reads: a peer's (pid, uid, gid) first
/// denial is logged at once (<c>AccessDenied</c>, 4012); its further denials are counted and logged as one
/// <c>AccessDeniedRepeated</c> line (4013) per <see cref="Window"/>. At most <see cref="MaxTrackedPeers"/> peers are
/// tracked at once; denials of any further peer in the same window are only counted, in one
/// <c>AccessDeniedUntracked</c> line (4014). So a hammering peer costs a few lines per window and bounded memory,
/// however fast it asks. Pending counts are flushed on <see cref="Flush"/> and <see cref="Dispose"/>.
/// </summary>
internal sealed class AccessDeniedAudit : IDisposable
{
    /// <summary>How long repeated denials are folded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Peers tracked one by one per window; beyond it denials fold into one count.</summary>
    public const int MaxTrackedPeers = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<PeerCredentials, int> _repeats = [];
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _untracked;
    private bool _disposed;

    public AccessDeniedAudit(TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timer = timeProvider.CreateTimer(static state => ((AccessDeniedAudit)state!).Flush(), this, Window, Window);
    }

    /// <summary>Records that <paramref name="peer"/> was denied <paramref name="target"/>.</summary>
    public void Denied(PeerCredentials peer, string target)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                if (_repeats.TryGetValue(peer, out int repeats))
                {
                    _repeats[peer] = repeats + 1;
                    return;
                }

                if (_repeats.Count >= MaxTrackedPeers)
                {
                    _untracked++;
                    return;
                }

                _repeats[peer] = 0;
            }
        }

        Log.AccessDenied(_logger, target, peer.Uid, peer.Gid, peer.Pid);
    }

    /// <summary>Logs every pending count and forgets peers that were not denied again.</summary>
    public void Flush()
    {
        List<(PeerCredentials Peer, int Count)> pending = [];
        int untracked;
        lock (_gate)
        {
            foreach ((PeerCredentials peer, int repeats) in _repeats)
            {
                if (repeats > 0)
                {
                    pending.Add((peer, repeats));
                }
            }

            _repeats.Clear();
            foreach ((PeerCredentials peer, _) in pending)
            {
                // Still hammering: keep folding its denials into the next window.
                _repeats[peer] = 0;
            }

            untracked = _untracked;
            _untracked = 0;
        }

        foreach ((PeerCredentials peer, int count) in pending)
        {
            Log.AccessDeniedRepeated(_logger, peer.Uid, peer.Gid, peer.Pid, count, Window.TotalSeconds);
        }

        if (untracked > 0)
        {
            Log.AccessDeniedUntracked(_logger, untracked, MaxTrackedPeers, Window.TotalSeconds);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        lock (_gate)
        {
            _disposed = true;
            _repeats.Clear();
        }
    }
}
