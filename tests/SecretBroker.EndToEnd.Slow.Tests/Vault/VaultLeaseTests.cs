using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Vault;

/// <summary>
/// Dynamic credentials through the real sidecar: a database lease (3 s, renewable up to 9 s) is renewed before it ends
/// and re-read before its max TTL, the new username and password published together — a reader resolving <c>..data</c>
/// never sees one lease's username with another's password, and every pair it sees is one a database accepts right
/// then. Then the Vault token's own max TTL: the sidecar logs in again before it, so no lease dies with an old token
/// under the app (consul-template#1433).
/// </summary>
public class VaultLeaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_lease_is_renewed_then_reminted_and_every_pair_a_reader_sees_is_valid()
    {
        await using VaultCloudSetup setup = await VaultCloudSetup.StartAsync();
        setup.PutToken(VaultCanary.New("KV"));
        setup.SetLeaseLifetimes(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9));
        string config = setup.WriteConfig(TimeSpan.FromSeconds(5), database: true, revokeOnShutdown: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadDatabasePair() is not null, TimeSpan.FromSeconds(30), $"the database pair.\n{sidecar.StandardOutput}");

        HashSet<string> users = [];
        int reads = 0;
        List<string> invalid = [];
        DateTime until = DateTime.UtcNow.AddSeconds(22);
        while (DateTime.UtcNow < until)
        {
            if (setup.ReadDatabasePair() is { } pair)
            {
                reads++;
                users.Add(pair.User);
                if (!setup.Cloud.Vault.CredentialsValid(pair.User, pair.Password))
                {
                    invalid.Add(pair.User);
                }
            }

            await Task.Delay(20);
        }

        long renewals = setup.VaultRequests("VaultLeaseRenew", "ok");
        output.WriteLine($"{reads} reads, {users.Count} distinct users, {renewals} renewals, {setup.VaultRequests("VaultDynamicCreds", "ok")} reads of the lease; invalid pairs seen: {invalid.Count}");
        Assert.Empty(invalid);
        Assert.True(renewals >= 2, $"the lease was renewed {renewals} times");
        Assert.True(users.Count >= 2, "a new credential after the lease's max TTL");

        string last = setup.ReadDatabasePair()!.Value.User;
        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.False(setup.Cloud.Vault.CredentialsValid(last), "revokeOnShutdown: the lease in use is revoked at a clean stop");
        Assert.DoesNotContain(setup.Cloud.Vault.Tokens(), t => t.IsLive(setup.Cloud.Vault.Time.GetUtcNow()));
        setup.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }

    [Fact]
    public async Task The_token_is_renewed_and_replaced_before_its_max_ttl_and_no_lease_dies_under_the_app()
    {
        await using VaultCloudSetup setup = await VaultCloudSetup.StartAsync();
        setup.PutToken(VaultCanary.New("KV"));
        // 4 s tokens capped at 12 s: a new login about every 10.7 s (a third of the login TTL before max TTL). The
        // login bucket (3, then 1 per 20 s) sustains that for about 50 s, longer than this test; 8 s tokens (a login
        // every 7 s) emptied it after about 25 s, so a slow start let a token die under the app (a bucket-limited
        // login is by design: a Vault role with max TTL under ~30 s outruns the limit in steady state).
        setup.SetTokenLifetimes(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12));
        setup.SetLeaseLifetimes(TimeSpan.FromHours(1), TimeSpan.FromHours(24));
        string config = setup.WriteConfig(TimeSpan.FromSeconds(2), database: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadDatabasePair() is not null, TimeSpan.FromSeconds(30), $"the database pair.\n{sidecar.StandardOutput}");

        // A lease dies with the token that read it: if the sidecar let a token reach its max TTL, the pair the app
        // holds would stop working at that moment. Watch past two max TTLs (three logins).
        List<string> dead = [];
        HashSet<string> users = [];
        DateTime until = DateTime.UtcNow.AddSeconds(27);
        while (DateTime.UtcNow < until)
        {
            if (setup.ReadDatabasePair() is { } pair)
            {
                users.Add(pair.User);
                if (!setup.Cloud.Vault.CredentialsValid(pair.User, pair.Password))
                {
                    dead.Add(pair.User);
                }
            }

            await Task.Delay(20);
        }

        long logins = setup.VaultRequests("VaultLogin", "ok");
        long renewSelf = setup.VaultRequests("VaultRenewSelf", "ok");
        output.WriteLine($"{logins} logins, {renewSelf} token renewals, {users.Count} database users; dead pairs seen: {dead.Count}");
        if (dead.Count > 0)
        {
            output.WriteLine(string.Join("\n", setup.Cloud.Counters.Log("vault.").Select(r => r.ToString())));
            output.WriteLine(string.Join("\n", setup.Cloud.Vault.Tokens().Select(t => $"token {t.Accessor} created {t.Created:HH:mm:ss.fff} expires {t.Expires:HH:mm:ss.fff} max {t.MaxExpires:HH:mm:ss.fff}")));
            output.WriteLine(string.Join("\n", setup.Cloud.Vault.Leases().Select(l => $"lease {l.Username} issued {l.Issued:HH:mm:ss.fff} parent {setup.Cloud.Vault.Tokens().First(t => t.Id == l.ParentTokenId).Accessor} renewals {l.Renewals}")));
            output.WriteLine("dead: " + string.Join(",", dead.Distinct()));
            output.WriteLine(sidecar.StandardOutput);
        }

        Assert.Empty(dead);
        Assert.True(logins >= 3, $"a fresh login before each max TTL ({logins} logins in 27 s of 12 s tokens)");
        Assert.True(logins <= 5, $"no login storm ({logins} logins)");
        Assert.True(renewSelf >= 1, "the token is renewed while it may be");
        Assert.True(users.Count >= 2, "the lease is re-read under each new token, so it never hangs off a dying one");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }
}
