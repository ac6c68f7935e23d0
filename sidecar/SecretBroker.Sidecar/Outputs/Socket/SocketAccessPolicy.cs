using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Who may read what over the socket. A peer is admitted when its uid is in <c>allowUids</c> or its gid in
/// <c>allowGids</c>; with both lists empty only the sidecar's own uid is. A secret's own lists narrow further.
/// </summary>
internal sealed class SocketAccessPolicy(PeerAllowList socketAllowed, IReadOnlyDictionary<string, PeerAllowList> secretAccess, uint ownUid)
{
    /// <summary>Whether <paramref name="peer"/> may use the <c>/v1</c> routes at all.</summary>
    public bool Admits(PeerCredentials peer) =>
        socketAllowed.IsEmpty ? peer.Uid == ownUid : socketAllowed.Admits(peer.Uid, peer.Gid);

    /// <summary>Whether <paramref name="peer"/> may read (or list) the secret <paramref name="name"/>.</summary>
    public bool MayRead(PeerCredentials peer, string name) =>
        Admits(peer) && (!secretAccess.TryGetValue(name, out PeerAllowList? narrowed) || narrowed.Admits(peer.Uid, peer.Gid));
}
