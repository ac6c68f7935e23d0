namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>The peer's credentials, established once per connection by the connection middleware and read by every request on it.</summary>
/// <param name="Credentials">The peer; <see langword="null"/> if SO_PEERCRED could not be read (then only health routes answer).</param>
internal sealed record SocketPeerFeature(PeerCredentials? Credentials);
