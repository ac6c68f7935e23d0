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

    private readonly RepeatFolder<PeerCredentials> _folder = new(MaxTrackedPeers);
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public AccessDeniedAudit(TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timer = timeProvider.CreateTimer(static state => ((AccessDeniedAudit)state!).Flush(), this, Window, Window);
    }

    /// <summary>Records that <paramref name="peer"/> was denied <paramref name="target"/>.</summary>
    public void Denied(PeerCredentials peer, string target)
    {
        if (_folder.Record(peer) == RepeatFolder<PeerCredentials>.Outcome.First)
        {
            Log.AccessDenied(_logger, target, peer.Uid, peer.Gid, peer.Pid);
        }
    }

    /// <summary>Logs every pending count and forgets peers that were not denied again.</summary>
    public void Flush()
    {
        (List<(PeerCredentials Peer, int Count)> repeats, int untracked) = _folder.TakeWindow();
        foreach ((PeerCredentials peer, int count) in repeats)
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
        _folder.Close();
    }
}
