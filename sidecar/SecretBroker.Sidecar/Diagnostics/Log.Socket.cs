using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>
/// Log events of the socket output (EventIds 4000–4099), including the audit trail of value reads (4010, 4011) and
/// denials (4012–4014). Never a value: names, versions, peer ids and counts only.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, EventName = "SocketListening", Level = LogLevel.Information,
        Message = "Serving the socket API on {SocketPath} (mode {Mode}, at most {MaxConnections} connections)")]
    public static partial void SocketListening(ILogger logger, string socketPath, string mode, int maxConnections);

    [LoggerMessage(EventId = 4001, EventName = "SocketClosed", Level = LogLevel.Information,
        Message = "Closed the socket API on {SocketPath}")]
    public static partial void SocketClosed(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 4002, EventName = "StaleSocketRemoved", Level = LogLevel.Information,
        Message = "Removed the stale socket {SocketPath} left by an earlier run")]
    public static partial void StaleSocketRemoved(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 4010, EventName = "SecretRead", Level = LogLevel.Information,
        Message = "Secret {SecretName} version {Version} read by uid {PeerUid} gid {PeerGid} pid {PeerPid}")]
    public static partial void SecretRead(ILogger logger, string secretName, string version, uint peerUid, uint peerGid, int peerPid);

    [LoggerMessage(EventId = 4011, EventName = "SecretReadRepeated", Level = LogLevel.Information,
        Message = "Secret {SecretName} version {Version} read {Count} more times by uid {PeerUid} gid {PeerGid} pid {PeerPid}")]
    public static partial void SecretReadRepeated(ILogger logger, string secretName, string version, uint peerUid, uint peerGid, int peerPid, int count);

    [LoggerMessage(EventId = 4012, EventName = "AccessDenied", Level = LogLevel.Warning,
        Message = "Denied {Target} to uid {PeerUid} gid {PeerGid} pid {PeerPid}")]
    public static partial void AccessDenied(ILogger logger, string target, uint peerUid, uint peerGid, int peerPid);

    [LoggerMessage(EventId = 4013, EventName = "AccessDeniedRepeated", Level = LogLevel.Warning,
        Message = "Denied uid {PeerUid} gid {PeerGid} pid {PeerPid} {Count} more times in the last {WindowSeconds} s")]
    public static partial void AccessDeniedRepeated(ILogger logger, uint peerUid, uint peerGid, int peerPid, int count, double windowSeconds);

    [LoggerMessage(EventId = 4014, EventName = "AccessDeniedUntracked", Level = LogLevel.Warning,
        Message = "Denied {Count} requests from peers beyond the {MaxTrackedPeers} tracked one by one, in the last {WindowSeconds} s")]
    public static partial void AccessDeniedUntracked(ILogger logger, int count, int maxTrackedPeers, double windowSeconds);

    [LoggerMessage(EventId = 4020, EventName = "ConnectionLimitReached", Level = LogLevel.Warning,
        Message = "{OpenConnections} connections open outside long polls, more than the limit of {MaxConnections}; answered 429 to {Refused} requests since the last such line")]
    public static partial void ConnectionLimitReached(ILogger logger, int openConnections, int maxConnections, int refused);

    [LoggerMessage(EventId = 4022, EventName = "SilentConnectionDropped", Level = LogLevel.Debug,
        Message = "Dropped a connection that sent nothing within {DeadlineSeconds} s")]
    public static partial void SilentConnectionDropped(ILogger logger, double deadlineSeconds);

    [LoggerMessage(EventId = 4023, EventName = "WatcherLimitReached", Level = LogLevel.Warning,
        Message = "{Watching} long polls waiting, the limit; answered 429 to {Refused} more since the last such line")]
    public static partial void WatcherLimitReached(ILogger logger, int watching, int refused);

    [LoggerMessage(EventId = 4021, EventName = "PeerCredentialsUnavailable", Level = LogLevel.Warning,
        Message = "Could not read the peer credentials (SO_PEERCRED) of a connection; it is denied everything but health")]
    public static partial void PeerCredentialsUnavailable(ILogger logger);
}
