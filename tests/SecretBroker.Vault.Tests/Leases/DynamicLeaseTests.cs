using System.Text;
using SecretBroker.Backends;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Leases;

/// <summary>Dynamic secrets: one read per lease serving every field, renewal through sys/leases/renew, and the lease's reported life capped by its token's.</summary>
public sealed class DynamicLeaseTests
{
    private static readonly SecretDefinition[] Creds =
        [Secret("username", "database/creds/readonly", key: "username"), Secret("password", "database/creds/readonly", key: "password")];

    private static string Text(SecretFetchResult result) => Encoding.UTF8.GetString(result.Value.Span);

    [Fact]
    public async Task Both_fields_come_from_one_read_with_one_lease_renewed_through_sys_leases_renew()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o => o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromMinutes(30), MaxTtl = TimeSpan.FromHours(24) });
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);

        IReadOnlyList<SecretFetchResult> read = await backend.FetchAsync(Creds, default);
        SecretLease lease = read[0].Lease!;
        cloud.Clock.Advance(TimeSpan.FromMinutes(20));
        SecretLease renewed = await backend.RenewAsync(Creds[0], lease, default);

        Assert.Equal(1, handler.Count("GET", "database/creds/readonly"));
        Assert.Same(read[0].Lease, read[1].Lease);
        Assert.Equal(TimeSpan.FromMinutes(30), lease.Duration);
        Assert.True(lease.Renewable);
        VaultLease issued = Assert.Single(cloud.Vault.Leases());
        Assert.Equal(issued.Id, lease.Id);
        Assert.Equal(issued.Username, Text(read.Single(r => r.Name == "username")));
        Assert.Equal(1, handler.Count("PUT", "sys/leases/renew"));
        Assert.Equal(1, issued.Renewals);
        Assert.Equal(lease.Id, renewed.Id);
        Assert.Equal(TimeSpan.FromMinutes(30), renewed.Duration);
        Assert.Equal(read[0].Version, read[0].Version);
    }

    [Fact]
    public async Task A_lease_is_never_reported_longer_than_the_token_that_read_it_lives()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o => o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromMinutes(10), TokenMaxTtl = TimeSpan.FromHours(1) });
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        await backend.FetchAsync([Secret("kv", "kv/app/none")], default);
        cloud.Clock.Advance(TimeSpan.FromMinutes(3));

        SecretLease lease = (await backend.FetchAsync(Creds, default))[0].Lease!;

        Assert.Equal(TimeSpan.FromMinutes(7), lease.Duration);
    }

    [Fact]
    public async Task Near_the_lease_max_ttl_the_renewal_asks_for_a_fresh_read()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o => o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromSeconds(60), MaxTtl = TimeSpan.FromSeconds(90) });
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretLease lease = (await backend.FetchAsync(Creds, default))[0].Lease!;

        cloud.Clock.Advance(TimeSpan.FromSeconds(40));
        SecretLease first = await backend.RenewAsync(Creds[0], lease, default);
        cloud.Clock.Advance(TimeSpan.FromSeconds(40));
        SecretLease second = await backend.RenewAsync(Creds[0], first, default);

        Assert.Equal(TimeSpan.FromSeconds(50), first.Duration);
        Assert.Equal(TimeSpan.Zero, second.Duration);
        Assert.True(cloud.Vault.IsLive(Assert.Single(cloud.Vault.Leases())));
    }

    [Fact]
    public async Task A_lease_vault_no_longer_knows_asks_for_a_fresh_read_and_re_reads_keep_one_tracked_lease()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretLease lease = (await backend.FetchAsync(Creds, default))[0].Lease!;
        await new VaultCallerForTests(cloud).RevokeLeaseAsync(lease.Id);

        SecretLease renewed = await backend.RenewAsync(Creds[0], lease, default);
        for (int i = 0; i < 20; i++)
        {
            await backend.FetchAsync(Creds, default);
        }

        Assert.Equal(TimeSpan.Zero, renewed.Duration);
        Assert.Equal(1, backend.TrackedLeases);
    }

    [Fact]
    public async Task Revoke_on_shutdown_revokes_the_leases_read_and_the_token_and_without_it_both_live_on()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var revokingHandler = new CountingHandler();
        using var keepingHandler = new CountingHandler();
        VaultBackend revoking = cloud.Backend(revokingHandler, o => o.RevokeOnShutdown = true);
        VaultBackend keeping = cloud.Backend(keepingHandler);
        string revoked = (await revoking.FetchAsync(Creds, default))[0].Lease!.Id;
        string kept = (await keeping.FetchAsync(Creds, default))[0].Lease!.Id;

        await revoking.DisposeAsync();
        await keeping.DisposeAsync();

        Assert.False(cloud.Vault.IsLive(cloud.Vault.FindLease(revoked)!));
        Assert.True(cloud.Vault.FindLease(revoked)!.Revoked);
        Assert.True(cloud.Vault.IsLive(cloud.Vault.FindLease(kept)!));
        Assert.Equal(1, revokingHandler.Count("PUT", "sys/leases/revoke"));
        Assert.Equal(1, revokingHandler.Count("POST", "auth/token/revoke-self"));
        Assert.Single(cloud.Vault.Tokens(), t => t.Revoked);
        Assert.Equal(0, keepingHandler.Count(r => r.Path.Contains("revoke", StringComparison.Ordinal)));
    }
}

/// <summary>Revokes a lease the way an operator would (<c>vault lease revoke</c>), outside the backend under test.</summary>
internal sealed class VaultCallerForTests(VaultTestCloud cloud)
{
    public async Task RevokeLeaseAsync(string leaseId)
    {
        using var http = new HttpClient();
        string token = cloud.Vault.Tokens().First(t => !t.Revoked).Id;
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(cloud.Cloud.VaultUrl, "v1/sys/leases/revoke"))
        {
            Content = new StringContent($$"""{"lease_id":"{{leaseId}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Vault-Token", token);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }
}
