using System.Text;
using SecretBroker.Backends;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Engine;

/// <summary>
/// The real refresh engine driving the Vault backend on one fake clock shared with the emulator: over three hours
/// (token TTL 10 min, max 25 min), dynamic credentials renewed and re-read with overlap, never dead while published, a
/// KV v2 change picked up by the probe, and no canary in any log line.
/// </summary>
public sealed class EngineWithVaultTests
{
    private const string Canary = "CANARY-e2b7-never-print-me";

    [Fact]
    public async Task Three_hours_of_refreshes_keep_every_published_credential_alive_and_never_log_a_value()
    {
        var clock = new TestClock();
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromMinutes(10), TokenMaxTtl = TimeSpan.FromMinutes(25) };
            o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromMinutes(15), MaxTtl = TimeSpan.FromHours(1) };
        });
        cloud.WriteKv2("app/api", $$"""{"key":"{{Canary}}-1"}""");
        using var handler = new CountingHandler();
        VaultOptions options = cloud.Options();
        await using var backend = new VaultBackend(options, "vault", null, handler, clock);
        var logs = new RecordingLogs();
        await using var engine = new SecretRefreshEngine(
            [Secret("username", "database/creds/readonly", key: "username"), Secret("password", "database/creds/readonly", key: "password"), Secret("api", "secret/data/app/api", key: "key")],
            new Dictionary<string, ISecretBackend> { ["vault"] = backend },
            new SecretRefreshEngineOptions(),
            clock,
            logs);

        await engine.StartAsync(default);
        DateTimeOffset end = clock.GetUtcNow() + TimeSpan.FromHours(3);
        var usernames = new HashSet<string>(StringComparer.Ordinal);
        bool changed = false;
        while (clock.GetUtcNow() < end)
        {
            SecretGeneration now = engine.Current;
            Assert.True(now.TryGet("username", out SecretEntry? entry), $"at {clock.GetUtcNow():t} no username; expired: {string.Join(",", now.Expired.Keys)}\n{string.Join("\n", logs.Lines)}");
            string username = Encoding.UTF8.GetString(entry.Value.Span);
            usernames.Add(username);
            Assert.True(cloud.Vault.CredentialsValid(username), $"at {clock.GetUtcNow():t} the published credential is dead");
            if (!changed && clock.GetUtcNow() > end - TimeSpan.FromHours(2))
            {
                cloud.WriteKv2("app/api", $$"""{"key":"{{Canary}}-2"}""");
                changed = true;
            }

            // The kubelet keeps the projected token fresh (it lives an hour on this clock).
            cloud.Cloud.VaultToken.Rotate();
            DateTimeOffset due = await clock.WaitForPendingTimerAsync();
            clock.SetUtcNow(due < end ? due : end);
            await clock.WaitForPendingTimerAsync();
        }

        Assert.Equal($"{Canary}-2", Encoding.UTF8.GetString(engine.Current.Secrets["api"].Value.Span));
        Assert.Equal(engine.Current.Secrets["username"].Version, engine.Current.Secrets["username"].Version);
        Assert.True(usernames.Count >= 3, $"{usernames.Count} credentials in 3 hours of 1 hour max lease TTL and 25 min tokens");
        Assert.DoesNotContain(cloud.Vault.Leases(), l => l.Revoked);
        Assert.True(cloud.Count("VaultLogin", "ok") is >= 7 and <= 12, $"{cloud.Count("VaultLogin", "ok")} logins");
        Assert.True(cloud.Count("VaultLeaseRenew", "ok") > 0);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Canary, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => cloud.Vault.Tokens().Any(t => l.Contains(t.Id, StringComparison.Ordinal)));
    }
}
