using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Tests.Infrastructure;
using SecretBroker.Emulators.Vault;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// Debian's python3-hvac, a client nobody here wrote, against the Vault emulator (plain HTTP and with --tls):
/// kubernetes login, KV v2/v1, a dynamic lease renewed past its max TTL and revoked, lookup/renew-self, and the
/// refusals hvac turns into exceptions (it parses <c>errors</c> only when Content-Type is exactly application/json).
/// </summary>
public sealed class VaultHvacTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hvac_logs_in_reads_and_writes_kv_renews_and_revokes_a_lease_and_maps_refusals(bool tls)
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
            ["VAULT_ADDR"] = test.Cloud.VaultUrl.ToString().TrimEnd('/'),
            ["SB_VAULT_JWT_FILE"] = test.Cloud.VaultToken.Path,
            ["SB_IRSA_JWT_FILE"] = test.Cloud.IrsaToken.Path,
        };
        if (tls)
        {
            environment["SB_CA_FILE"] = test.Cloud.CaCertificatePath;
        }

        var result = await HvacRunner.RunAsync("hvac_vault.py", environment);

        var login = result.GetProperty("login");
        Assert.True(login.GetProperty("token_set").GetBoolean());
        Assert.Equal(3600, login.GetProperty("lease_duration").GetInt32());
        Assert.Equal("broker", login.GetProperty("service_account_name").GetString());
        var kv2 = result.GetProperty("kv2");
        Assert.Equal(2, kv2.GetProperty("written_version").GetInt32());
        Assert.Equal("two", kv2.GetProperty("latest").GetString());
        Assert.Equal("one", kv2.GetProperty("first").GetString());
        Assert.Equal(2, kv2.GetProperty("current_version").GetInt32());
        Assert.Equal("db", kv2.GetProperty("keys")[0].GetString());
        Assert.Equal("InvalidPath", kv2.GetProperty("missing").GetString());
        var kv1 = result.GetProperty("kv1");
        Assert.Equal("x", kv1.GetProperty("password").GetString());
        Assert.Equal(2764800, kv1.GetProperty("lease_duration").GetInt32());
        var dynamic = result.GetProperty("dynamic");
        Assert.Equal("database/creds/readonly", dynamic.GetProperty("lease_prefix").GetString());
        Assert.True(dynamic.GetProperty("renewable").GetBoolean());
        Assert.Equal(1800, dynamic.GetProperty("renewed_duration").GetInt32());
        Assert.Contains("capped", dynamic.GetProperty("renew_warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(204, dynamic.GetProperty("revoke_status").GetInt32());
        Assert.Equal("InvalidRequest", dynamic.GetProperty("renew_after_revoke").GetString());
        Assert.False(test.Cloud.Vault.CredentialsValid(dynamic.GetProperty("username").GetString()!));
        var token = result.GetProperty("token");
        Assert.Equal("auth/kubernetes/login", token.GetProperty("path").GetString());
        Assert.Equal(3600, token.GetProperty("ttl").GetInt32());
        Assert.Equal(5400, token.GetProperty("renewed").GetInt32());
        var refusals = result.GetProperty("refusals");
        AssertRefused(refusals, "irsa_audience", "Forbidden", "permission denied");
        AssertRefused(refusals, "unknown_role", "InvalidRequest", "invalid role name \"nope\"");
        AssertRefused(refusals, "revoked_token", "Forbidden", "permission denied");
        AssertRefused(refusals, "no_token", "Forbidden", "permission denied");
    }

    private static void AssertRefused(JsonElement refusals, string name, string exception, string error)
    {
        var refusal = refusals.GetProperty(name);
        Assert.True(refusal.ValueKind == JsonValueKind.Array, $"{name}: {refusal}");
        Assert.Equal(exception, refusal[0].GetString());
        Assert.Equal(error, refusal[1][0].GetString());
    }
}
