using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Tests.Infrastructure;
using SecretBroker.Emulators.Vault;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// node-vault 0.12.0 (npm, pinned in Node/package-lock.json), a client nobody here wrote, against the Vault emulator
/// (plain HTTP and --tls through <c>NODE_EXTRA_CA_CERTS</c>): kubernetes login, KV v2/v1, a dynamic lease renewed
/// past its max TTL and revoked, lookup/renew-self, <c>X-Vault-Namespace</c>, and the refusals' status and message.
/// </summary>
public sealed class VaultNodeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Node_vault_logs_in_reads_and_writes_kv_renews_and_revokes_a_lease_and_sees_refusals(bool tls)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o =>
        {
            o.Tls = tls;
            o.TimeProvider = clock;
            o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromMinutes(10), MaxTtl = TimeSpan.FromMinutes(30) };
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromHours(1), TokenMaxTtl = TimeSpan.FromMinutes(90) };
        });
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = test.Cloud.VaultUrl.ToString(),
            ["NODE_EXTRA_CA_CERTS"] = test.Cloud.CaCertificatePath,
            ["SB_VAULT_JWT_FILE"] = test.Cloud.VaultToken.Path,
            ["SB_IRSA_JWT_FILE"] = test.Cloud.IrsaToken.Path,
        };

        var result = await NodeRunner.RunAsync("node_vault.mjs", environment);

        // node-vault's own default mount never reaches its path template (/v1/auth//login): refused, as Vault does.
        Assert.Equal(403, result.GetProperty("withoutMountPoint")[0].GetInt32());
        Assert.Equal(3600, result.GetProperty("login").GetProperty("leaseDuration").GetInt32());
        var kv2 = result.GetProperty("kv2");
        Assert.Equal(2, kv2.GetProperty("writtenVersion").GetInt32());
        Assert.Equal("two", kv2.GetProperty("latest").GetString());
        Assert.Equal("one", kv2.GetProperty("first").GetString());
        Assert.Equal(2, kv2.GetProperty("currentVersion").GetInt32());
        Assert.Equal("db", kv2.GetProperty("keys")[0].GetString());
        Assert.Equal(404, kv2.GetProperty("missing")[0].GetInt32());
        var kv1 = result.GetProperty("kv1");
        Assert.Equal("x", kv1.GetProperty("password").GetString());
        Assert.Equal(2764800, kv1.GetProperty("leaseDuration").GetInt32());
        var dynamic = result.GetProperty("dynamic");
        Assert.StartsWith("database/creds/readonly/", dynamic.GetProperty("leaseId").GetString(), StringComparison.Ordinal);
        Assert.True(dynamic.GetProperty("renewable").GetBoolean());
        Assert.Equal(1800, dynamic.GetProperty("renewedDuration").GetInt32());
        Assert.Contains("capped", dynamic.GetProperty("renewWarnings")[0].GetString(), StringComparison.Ordinal);
        AssertRefused(dynamic.GetProperty("renewAfterRevoke"), 400, "lease not found or lease is not renewable");
        Assert.False(test.Cloud.Vault.CredentialsValid(dynamic.GetProperty("username").GetString()!));
        var token = result.GetProperty("token");
        Assert.Equal("auth/kubernetes/login", token.GetProperty("path").GetString());
        Assert.Equal(3600, token.GetProperty("ttl").GetInt32());
        Assert.Equal(5400, token.GetProperty("renewed").GetInt32());
        var ns = result.GetProperty("namespace");
        Assert.Equal("team-a", ns.GetProperty("inNamespace").GetString());
        Assert.Equal("two", ns.GetProperty("rootStillSees").GetString());
        AssertRefused(ns.GetProperty("rootTokenInNamespace"), 403, "permission denied");
        var refusals = result.GetProperty("refusals");
        AssertRefused(refusals.GetProperty("wrongAudience"), 403, "permission denied");
        AssertRefused(refusals.GetProperty("unknownRole"), 400, "invalid role name \"nope\"");
        AssertRefused(refusals.GetProperty("revokedToken"), 403, "permission denied");
        AssertRefused(refusals.GetProperty("noToken"), 403, "permission denied");
        Assert.Equal(1, test.Cloud.Counters.Count("vault.VaultLogin", "denied:WrongAudience"));
    }

    private static void AssertRefused(JsonElement refusal, int status, string message)
    {
        Assert.True(refusal.ValueKind == JsonValueKind.Array, refusal.ToString());
        Assert.Equal(status, refusal[0].GetInt32());
        Assert.Equal(message, refusal[1].GetString());
    }
}
