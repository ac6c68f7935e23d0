namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Per-connection facts the connection middleware establishes once and every request on the connection reads:
/// the peer's credentials and whether the connection is beyond the concurrent-connection cap.
/// </summary>
/// <param name="Credentials">The peer; <see langword="null"/> if SO_PEERCRED could not be read (then only health routes answer).</param>
/// <param name="OverCapacity">The connection was accepted beyond <c>maxConnections</c>: every request gets 429 and the connection closes.</param>
internal sealed record SocketPeerFeature(PeerCredentials? Credentials, bool OverCapacity);
