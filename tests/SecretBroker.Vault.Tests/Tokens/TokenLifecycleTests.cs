using System.Text;
using SecretBroker.Backends;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Tokens;

/// <summary>
/// The token's life on a fake clock: renew-self at two thirds of the TTL, a new login before max TTL once renewals come
/// back capped, and dynamic credentials replaced with overlap so none is revoked under the consumer (consul-template#1433).
/// </summary>
public sealed class TokenLifecycleTests
{
    private static readonly SecretDefinition[] Creds =
        [Secret("username", "database/creds/readonly", key: "username"), Secret("password", "database/creds/readonly", key: "password")];

    private static Task<VaultTestCloud> StartAsync() => VaultTestCloud.StartAsync(o =>
    {
        o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromMinutes(10), TokenMaxTtl = TimeSpan.FromMinutes(25) };
        o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromHours(1), MaxTtl = TimeSpan.FromHours(24) };
    });

    [Fact]
    public async Task The_token_is_renewed_at_two_thirds_of_its_ttl_not_before()
    {
        await using VaultTestCloud cloud = await StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretDefinition[] kv = [Secret("db", "secret/data/app/db")];
        await backend.FetchAsync(kv, default);

        cloud.Clock.Advance(TimeSpan.FromMinutes(6));
        await backend.FetchAsync(kv, default);
        int beforeDue = handler.Count("POST", "auth/token/renew-self");
        cloud.Clock.Advance(TimeSpan.FromMinutes(1));
        await backend.FetchAsync(kv, default);

        Assert.Equal(0, beforeDue);
        Assert.Equal(1, handler.Count("POST", "auth/token/renew-self"));
        Assert.Equal(1, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(TimeSpan.FromMinutes(10), backend.TokenTtl);
        Assert.True(backend.TokenRenewable);
    }

    [Fact]
    public async Task A_renewal_answering_a_zero_ttl_is_followed_by_one_login_not_a_renewal_loop()
    {
        // A token asked to renew within its last second of max TTL gets lease_duration 0 (Vault rounds down). That must
        // count as capped and lead to a login; it once read as "not an envelope", kept the old token and renewed it on
        // every call. Here Vault answers so from 20 min on.
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o =>
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromMinutes(3), TokenMaxTtl = TimeSpan.FromHours(1) });
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretDefinition[] kv = [Secret("db", "secret/data/app/db")];
        DateTimeOffset start = cloud.Clock.GetUtcNow();
        handler.Intercept = request => request.RequestUri!.AbsolutePath.EndsWith("/renew-self", StringComparison.Ordinal)
            && cloud.Clock.GetUtcNow() >= start + TimeSpan.FromMinutes(20)
                ? CountingHandler.Json(System.Net.HttpStatusCode.OK, """{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":null,"wrap_info":null,"warnings":null,"auth":{"client_token":"x","accessor":"a","policies":[],"token_policies":[],"metadata":null,"lease_duration":0,"renewable":true,"entity_id":"","token_type":"service","orphan":true},"mount_type":""}""")
                : null;

        await backend.FetchAsync(kv, default);
        for (int minute = 2; minute <= 20; minute += 2)
        {
            cloud.Clock.Advance(TimeSpan.FromMinutes(2));
            await backend.FetchAsync(kv, default);
        }

        int renewals = handler.Count("POST", "auth/token/renew-self");
        await backend.FetchAsync(kv, default);
        await backend.FetchAsync(kv, default);

        Assert.Equal(10, renewals); // every 2 min, the last one answered 0
        Assert.Equal(2, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(renewals, handler.Count("POST", "auth/token/renew-self"));
    }

    [Fact]
    public async Task Past_renewals_a_capped_token_is_replaced_by_a_login_before_it_expires_and_no_credential_dies_under_the_consumer()
    {
        await using VaultTestCloud cloud = await StartAsync();
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);

        // What the engine does with a leased group: renew at two thirds of the lease, re-read when that yields nothing.
        IReadOnlyList<SecretFetchResult> read = await backend.FetchAsync(Creds, default);
        string username = Encoding.UTF8.GetString(read.Single(r => r.Name == "username").Value.Span);
        SecretLease lease = read[0].Lease!;
        DateTimeOffset leaseFrom = cloud.Clock.GetUtcNow();
        var published = new List<string> { username };
        for (int minute = 1; minute <= 90; minute++)
        {
            cloud.Advance(TimeSpan.FromMinutes(1));
            Assert.True(cloud.Vault.CredentialsValid(username), $"minute {minute}: the published credential died under the consumer");
            if (cloud.Clock.GetUtcNow() < leaseFrom + (lease.Duration * 2 / 3))
            {
                continue;
            }

            SecretLease renewed = await backend.RenewAsync(Creds[0], lease, default);
            if (renewed.Duration == TimeSpan.Zero)
            {
                read = await backend.FetchAsync(Creds, default);
                Assert.All(read, r => Assert.True(r.Succeeded, r.Error?.Message));
                username = Encoding.UTF8.GetString(read.Single(r => r.Name == "username").Value.Span);
                published.Add(username);
                renewed = read[0].Lease!;
            }

            lease = renewed;
            leaseFrom = cloud.Clock.GetUtcNow();
            Assert.True(cloud.Vault.CredentialsValid(username), $"minute {minute}: the new credential is not valid");
        }

        IReadOnlyList<VaultToken> tokens = [.. cloud.Vault.Tokens().OrderBy(t => t.Created)];
        Assert.True(tokens.Count >= 3, $"{tokens.Count} logins in 90 minutes with a 25 minute max TTL");
        for (int i = 1; i < tokens.Count; i++)
        {
            // Each login came while the token before it still lived: overlap, not a gap.
            Assert.True(tokens[i].Created < tokens[i - 1].MaxExpires, $"login {i} came after the previous token's max TTL");
        }

        Assert.Equal(tokens.Count, published.Count);
        Assert.DoesNotContain(cloud.Vault.Leases(), l => l.Revoked);
        Assert.Equal(tokens.Count, handler.Count("POST", "auth/kubernetes/login"));
        Assert.True(handler.Count("POST", "auth/token/renew-self") >= 2 * tokens.Count - 2);
    }

    [Fact]
    public async Task After_a_new_login_a_lease_of_the_older_token_asks_for_a_fresh_read_while_it_still_lives()
    {
        await using VaultTestCloud cloud = await StartAsync();
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        IReadOnlyList<SecretFetchResult> read = await backend.FetchAsync(Creds, default);
        string oldUser = Encoding.UTF8.GetString(read.Single(r => r.Name == "username").Value.Span);

        // Renewals at 7, 14 (uncapped) and 21 (capped at 25): the login comes at 24, a minute before the old token dies.
        foreach (int minute in new[] { 7, 7, 7 })
        {
            cloud.Advance(TimeSpan.FromMinutes(minute));
            await backend.Session.TokenAsync(default);
        }

        Assert.Equal(1, backend.Session.Logins);
        Assert.False(backend.TokenRenewable);
        cloud.Advance(TimeSpan.FromMinutes(3));
        SecretLease renewed = await backend.RenewAsync(Creds[0], read[0].Lease!, default);

        Assert.Equal(TimeSpan.Zero, renewed.Duration);
        Assert.Equal(2, backend.Session.Logins);
        Assert.True(cloud.Vault.CredentialsValid(oldUser));
        Assert.Equal(0, handler.Count("PUT", "sys/leases/renew"));
    }
}
