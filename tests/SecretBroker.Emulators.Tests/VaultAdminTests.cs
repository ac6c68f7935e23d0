using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// The admin API's Vault routes (seed KV, set roles and TTLs, seal, tokens and leases, faults, counters) and the wire as
/// curl sees it (raw headers: <c>Content-Type: application/json</c> exactly, <c>Cache-Control: no-store</c>).
/// </summary>
public sealed class VaultAdminTests
{
    [Fact]
    public async Task The_admin_api_seeds_secrets_sets_roles_revokes_tokens_and_lists_leases()
    {
        // A fake clock that stands still: the TTLs read back are exactly the ones set.
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        using var vault = new VaultCaller(test.Cloud);

        await Put(admin, "v1/vault/kv2/app/db", new JsonObject { ["data"] = new JsonObject { ["password"] = "seeded" } });
        await Put(admin, "v1/vault/kv1/app/db", new JsonObject { ["data"] = new JsonObject { ["user"] = "app" } });
        await Put(admin, "v1/vault/roles/kubernetes/short", new JsonObject { ["ttlSeconds"] = 60, ["maxTtlSeconds"] = 120 });
        await Put(admin, "v1/vault/roles/database/ro", new JsonObject { ["ttlSeconds"] = 30, ["maxTtlSeconds"] = 90 });
        var token = await vault.LoginAsync(role: "short");
        var login = await vault.SendAsync("GET", "auth/token/lookup-self", token);
        var creds = await vault.SendAsync("GET", "database/creds/ro", token);

        Assert.Equal("seeded", (await vault.SendAsync("GET", "secret/data/app/db", token)).Body!["data"]!["data"]!["password"]!.GetValue<string>());
        Assert.Equal("app", (await vault.SendAsync("GET", "kv/app/db", token)).Body!["data"]!["user"]!.GetValue<string>());
        Assert.Equal(60, login.Body!["data"]!["ttl"]!.GetValue<long>());
        Assert.Equal(30, creds.Body!["lease_duration"]!.GetValue<long>());

        var tokens = await admin.GetFromJsonAsync<JsonObject>("v1/vault/tokens");
        var accessor = tokens!["tokens"]![0]!["accessor"]!.GetValue<string>();
        await Put(admin, "v1/vault/tokens/revoke", new JsonObject { ["accessor"] = accessor });
        var leases = await admin.GetFromJsonAsync<JsonObject>("v1/vault/leases");

        Assert.False(leases!["leases"]![0]!["live"]!.GetValue<bool>());
        Assert.Equal(403, (await vault.SendAsync("GET", "secret/data/app/db", token)).Status);
        await Put(admin, "v1/vault/sealed", new JsonObject { ["sealed"] = true });
        Assert.Equal(503, (await vault.SendAsync("GET", "sys/health")).Status);
        await Put(admin, "v1/vault/sealed", new JsonObject { ["sealed"] = false });
        await Put(admin, "v1/faults/VaultLogin", new JsonObject { ["kind"] = "garbage", ["count"] = 1 });
        var garbage = await vault.SendAsync("POST", "auth/kubernetes/login", body: new JsonObject { ["role"] = "sidecar", ["jwt"] = test.Cloud.VaultToken.Current });
        Assert.Equal(200, garbage.Status);
        Assert.Null(garbage.Body);
        var counters = await admin.GetFromJsonAsync<JsonObject>("v1/counters");
        Assert.Equal(1, counters!["operations"]!["vault.VaultLogin"]!["fault:GarbageBody"]!.GetValue<long>());
        Assert.Equal(1, counters["operations"]!["vault.VaultDynamicCreds"]!["ok"]!.GetValue<long>());
    }

    [Fact]
    public async Task Curl_sees_application_json_exactly_and_no_store_on_success_and_on_errors()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);
        var token = await vault.LoginAsync();
        await vault.SendAsync("POST", "secret/data/app/db", token, new JsonObject { ["data"] = new JsonObject { ["k"] = "v" } });

        var ok = await CurlAsync(test.Cloud.VaultUrl + "v1/secret/data/app/db", "-H", "X-Vault-Token: " + token);
        var denied = await CurlAsync(test.Cloud.VaultUrl + "v1/secret/data/app/db");
        var missing = await CurlAsync(test.Cloud.VaultUrl + "v1/secret/data/none", "-H", "Authorization: Bearer " + token);

        Assert.StartsWith("HTTP/1.1 200", ok, StringComparison.Ordinal);
        Assert.Contains("\ncontent-type: application/json\r\n", ok.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("\ncache-control: no-store\r\n", ok.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"k\":\"v\"}", ok, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", denied, StringComparison.Ordinal);
        Assert.Contains("\ncontent-type: application/json\r\n", denied.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.EndsWith("{\"errors\":[\"permission denied\"]}", denied, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 404", missing, StringComparison.Ordinal);
        Assert.EndsWith("{\"errors\":[]}", missing, StringComparison.Ordinal);
    }

    private static async Task Put(HttpClient admin, string path, JsonObject body)
    {
        using var response = await admin.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> CurlAsync(string url, params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-s", "-i", "--max-time", "30", .. arguments, url])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start (curl is required)");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"curl exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
