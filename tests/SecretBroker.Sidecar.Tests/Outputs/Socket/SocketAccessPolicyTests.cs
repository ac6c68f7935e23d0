using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class SocketAccessPolicyTests
{
    private const uint Own = 1500;

    private static readonly Dictionary<string, PeerAllowList> NoNarrowing = [];

    [Fact]
    public void With_no_lists_only_the_sidecars_own_uid_is_admitted()
    {
        SocketAccessPolicy policy = new(PeerAllowList.Empty, NoNarrowing, Own);

        Assert.True(policy.Admits(new PeerCredentials(1, Own, 999)));
        Assert.False(policy.Admits(new PeerCredentials(1, 0, 0)));
        Assert.False(policy.Admits(new PeerCredentials(1, 1000, Own)));
    }

    [Fact]
    public void A_uid_or_a_gid_in_the_lists_admits_a_peer_and_nothing_else_does()
    {
        SocketAccessPolicy policy = new(new PeerAllowList([1000], [2000]), NoNarrowing, Own);

        Assert.True(policy.Admits(new PeerCredentials(1, 1000, 1)));
        Assert.True(policy.Admits(new PeerCredentials(1, 7, 2000)));
        Assert.False(policy.Admits(new PeerCredentials(1, 7, 1)));
        Assert.False(policy.Admits(new PeerCredentials(1, Own, 1)));
    }

    [Fact]
    public void A_secrets_own_lists_narrow_who_may_read_it()
    {
        SocketAccessPolicy policy = new(
            new PeerAllowList([1000, 1001], []),
            new Dictionary<string, PeerAllowList> { ["model-key"] = new([1001], []) },
            Own);

        Assert.True(policy.MayRead(new PeerCredentials(1, 1000, 1), "hf-token"));
        Assert.False(policy.MayRead(new PeerCredentials(1, 1000, 1), "model-key"));
        Assert.True(policy.MayRead(new PeerCredentials(1, 1001, 1), "model-key"));
    }

    [Fact]
    public void A_secrets_lists_never_widen_access_beyond_the_socket()
    {
        SocketAccessPolicy policy = new(
            new PeerAllowList([1000], []),
            new Dictionary<string, PeerAllowList> { ["model-key"] = new([2000], []) },
            Own);

        Assert.False(policy.MayRead(new PeerCredentials(1, 2000, 1), "model-key"));
    }
}
