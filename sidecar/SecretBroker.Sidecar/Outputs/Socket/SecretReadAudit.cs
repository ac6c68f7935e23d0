using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The audit trail of value reads. The first read of a (peer pid, uid, gid, secret, version) is logged at once
/// (<c>SecretRead</c>, 4010); further reads of the same key are counted and logged as one <c>SecretReadRepeated</c>
/// line (4011) with the count when the <see cref="Window"/> timer fires, so the audit cost does not grow with the read
/// rate. A key with no reads in a whole window is forgotten, so its next read is logged at once again. At most
/// <see cref="MaxTrackedKeys"/> keys are folded at once; a read of any further key is logged on its own, so memory is
/// bounded and no read goes unaudited. Pending counts are flushed on <see cref="Flush"/> and <see cref="Dispose"/>.
/// </summary>
internal sealed class SecretReadAudit : IDisposable
{
    /// <summary>How long repeated reads are folded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Keys folded at once; reads of further keys are logged one by one.</summary>
    public const int MaxTrackedKeys = 4096;

    private readonly RepeatFolder<ReadKey> _folder = new(MaxTrackedKeys);
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public SecretReadAudit(TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timer = timeProvider.CreateTimer(static state => ((SecretReadAudit)state!).Flush(), this, Window, Window);
    }

    /// <summary>Records that <paramref name="peer"/> was handed <paramref name="name"/> at <paramref name="version"/>.</summary>
    public void Read(PeerCredentials peer, string name, string version)
    {
        if (_folder.Record(new ReadKey(peer, name, version)) != RepeatFolder<ReadKey>.Outcome.Folded)
        {
            Log.SecretRead(_logger, name, version, peer.Uid, peer.Gid, peer.Pid);
        }
    }

    /// <summary>Logs every pending count and forgets keys that were not read again.</summary>
    public void Flush()
    {
        foreach ((ReadKey key, int count) in _folder.TakeWindow().Repeats)
        {
            Log.SecretReadRepeated(_logger, key.Name, key.Version, key.Peer.Uid, key.Peer.Gid, key.Peer.Pid, count);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        _folder.Close();
    }

    private readonly record struct ReadKey(PeerCredentials Peer, string Name, string Version);
}
