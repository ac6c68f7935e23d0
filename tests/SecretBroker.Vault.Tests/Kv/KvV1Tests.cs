using System.Text;
using SecretBroker.Backends;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Kv;

/// <summary>KV v1 and other static reads: versioned by a keyed content hash of the served bytes, no probe request.</summary>
public sealed class KvV1Tests
{
    [Fact]
    public async Task The_version_is_a_content_hash_that_follows_the_served_bytes_and_the_lease_hint_is_ignored()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv1("app/db", """{"user":"app","password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretDefinition[] group = [Secret("user", "kv/app/db", key: "user"), Secret("password", "kv/app/db", key: "password")];

        IReadOnlyList<SecretFetchResult> one = await backend.FetchAsync(group, default);
        IReadOnlyList<SecretFetchResult> same = await backend.FetchAsync(group, default);
        cloud.WriteKv1("app/db", """{"user":"app","password":"p2"}""");
        IReadOnlyList<SecretFetchResult> two = await backend.FetchAsync(group, default);
        IReadOnlyList<SecretVersionProbe> probed = await backend.ProbeAsync(group, default);

        string V(IReadOnlyList<SecretFetchResult> r, string name) => r.Single(x => x.Name == name).Version!;
        Assert.Equal("p2", Encoding.UTF8.GetString(two.Single(r => r.Name == "password").Value.Span));
        Assert.Equal(V(one, "password"), V(same, "password"));
        Assert.NotEqual(V(one, "password"), V(two, "password"));
        Assert.Equal(V(one, "user"), V(two, "user"));
        Assert.Matches("^[0-9a-f]{16}$", V(one, "password"));
        Assert.All(one.Concat(two), r => Assert.Null(r.Lease));
        Assert.All(probed, p => Assert.Null(p.Version));
        Assert.Equal(3, handler.Count("GET", "kv/app/db"));
        Assert.Equal(3, handler.Requests.Count(r => r.Path != "auth/kubernetes/login"));
    }
}
