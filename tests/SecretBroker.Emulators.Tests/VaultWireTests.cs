using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Tests.Infrastructure;
using SecretBroker.Emulators.Vault;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// The Vault emulator's wire (protocols.md §6, §10) through raw HTTP: the envelope, the exact Content-Type, logins
/// checked against the OIDC issuer, KV v2/v1, tokens, dynamic leases and their death with the parent token.
/// </summary>
public sealed class VaultWireTests
{
    private static readonly string[] EnvelopeKeys = ["request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info", "warnings", "auth", "mount_type"];

    [Fact]
    public async Task Kubernetes_login_then_kv2_write_read_versions_and_metadata_in_the_full_envelope()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);

        var login = await vault.SendAsync("POST", "auth/kubernetes/login", body: new JsonObject { ["role"] = "sidecar", ["jwt"] = test.Cloud.VaultToken.Current });
        Assert.Equal(200, login.Status);
        Assert.Equal("application/json", login.ContentType);
        Assert.Equal("no-store", login.CacheControl);
        Assert.All(EnvelopeKeys, k => Assert.True(login.Body!.AsObject().ContainsKey(k), k));
        var auth = login.Body!["auth"]!;
        Assert.Equal(3600, auth["lease_duration"]!.GetValue<long>());
        Assert.Equal("broker", auth["metadata"]!["service_account_name"]!.GetValue<string>());
        Assert.Equal("apps", auth["metadata"]!["service_account_namespace"]!.GetValue<string>());
        var token = auth["client_token"]!.GetValue<string>();
        Assert.StartsWith("hvs.", token, StringComparison.Ordinal);

        var v1 = await vault.SendAsync("POST", "secret/data/app/db", token, new JsonObject { ["data"] = new JsonObject { ["password"] = "one" } });
        var v2 = await vault.SendAsync("PUT", "secret/data/app/db", token, new JsonObject { ["data"] = new JsonObject { ["password"] = "two" } }, bearer: true);
        Assert.Equal(1, v1.Body!["data"]!["version"]!.GetValue<int>());
        Assert.Equal(2, v2.Body!["data"]!["version"]!.GetValue<int>());

        var latest = await vault.SendAsync("GET", "secret/data/app/db", token);
        Assert.Equal("application/json", latest.ContentType);
        Assert.All(EnvelopeKeys, k => Assert.True(latest.Body!.AsObject().ContainsKey(k), k));
        Assert.Equal("two", latest.Body!["data"]!["data"]!["password"]!.GetValue<string>());
        Assert.Equal(2, latest.Body!["data"]!["metadata"]!["version"]!.GetValue<int>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", latest.Body!["data"]!["metadata"]!["created_time"]!.GetValue<string>());
        var first = await vault.SendAsync("GET", "secret/data/app/db?version=1", token);
        Assert.Equal("one", first.Body!["data"]!["data"]!["password"]!.GetValue<string>());
        var metadata = await vault.SendAsync("GET", "secret/metadata/app/db", token);
        Assert.Equal(2, metadata.Body!["data"]!["current_version"]!.GetValue<int>());
        Assert.Equal(2, metadata.Body!["data"]!["versions"]!.AsObject().Count);
        var list = await vault.SendAsync("LIST", "secret/metadata/app", token);
        Assert.Equal("db", list.Body!["data"]!["keys"]![0]!.GetValue<string>());
        var listByQuery = await vault.SendAsync("GET", "secret/metadata/?list=true", token);
        Assert.Equal("app/", listByQuery.Body!["data"]!["keys"]![0]!.GetValue<string>());

        var missing = await vault.SendAsync("GET", "secret/data/app/none", token);
        Assert.Equal(404, missing.Status);
        Assert.Equal("application/json", missing.ContentType);
        Assert.Empty(missing.Body!["errors"]!.AsArray());
    }

    [Fact]
    public async Task Kv1_put_and_get_answer_the_refresh_hint_lease_and_no_versions()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);
        var token = await vault.LoginAsync();

        var put = await vault.SendAsync("PUT", "kv/app/db", token, new JsonObject { ["user"] = "app", ["password"] = "x" });
        var get = await vault.SendAsync("GET", "kv/app/db", token);

        Assert.Equal(204, put.Status);
        Assert.Equal(200, get.Status);
        Assert.Equal("x", get.Body!["data"]!["password"]!.GetValue<string>());
        Assert.Equal(2764800, get.Body!["lease_duration"]!.GetValue<long>());
        Assert.False(get.Body!["renewable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_jwt_method_logs_in_with_the_bound_subject()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);

        var token = await vault.LoginAsync(mount: "jwt");
        var self = await vault.SendAsync("GET", "auth/token/lookup-self", token);

        Assert.Equal("auth/jwt/login", self.Body!["data"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_kubernetes_method_at_another_mount_logs_in_there_and_an_unknown_mount_is_refused()
    {
        await using var test = await TestCloud.StartAsync(o => o.Vault.AuthMounts["k8s-prod"] = "kubernetes");
        using var vault = new VaultCaller(test.Cloud);

        var token = await vault.LoginAsync(mount: "k8s-prod");
        var self = await vault.SendAsync("GET", "auth/token/lookup-self", token);
        var unknown = await vault.SendAsync("POST", "auth/nope/login", body: new JsonObject { ["role"] = "sidecar", ["jwt"] = test.Cloud.VaultToken.Current });

        Assert.Equal("auth/k8s-prod/login", self.Body!["data"]!["path"]!.GetValue<string>());
        Assert.Equal("broker", self.Body!["data"]!["meta"]!["service_account_name"]!.GetValue<string>());
        Assert.Equal(403, unknown.Status);
    }

    [Fact]
    public async Task Login_refuses_a_wrong_audience_an_expired_token_a_foreign_signature_an_unbound_service_account_or_namespace_and_a_jwt_subject()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.KubernetesRoles["other"] = new VaultRole { BoundServiceAccountNames = ["someone-else"] };
            o.Vault.KubernetesRoles["other-namespace"] = new VaultRole { BoundServiceAccountNamespaces = ["payments"] };
            o.Vault.JwtRoles["bound"] = new VaultRole { BoundSubject = "system:serviceaccount:payments:broker" };
        });
        using var vault = new VaultCaller(test.Cloud);
        using var foreignKey = System.Security.Cryptography.RSA.Create(2048);
        var forged = OidcIssuer.Sign(new JsonObject
        {
            ["iss"] = test.Cloud.Issuer.Issuer, ["sub"] = "system:serviceaccount:apps:broker", ["aud"] = "vault",
            ["exp"] = clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        }, foreignKey, "forged");

        async Task<(int, string)> Login(string jwt, string role = "sidecar")
        {
            var reply = await vault.SendAsync("POST", "auth/kubernetes/login", body: new JsonObject { ["role"] = role, ["jwt"] = jwt });
            Assert.Equal("application/json", reply.ContentType);
            return (reply.Status, reply.Body!["errors"]![0]!.GetValue<string>());
        }

        Assert.Equal((403, "permission denied"), await Login(test.Cloud.IrsaToken.Current));
        Assert.Equal((403, "permission denied"), await Login(forged));
        Assert.Equal((403, "permission denied"), await Login(test.Cloud.VaultToken.Current, "other"));
        Assert.Equal((403, "permission denied"), await Login(test.Cloud.VaultToken.Current, "other-namespace"));
        var jwtLogin = await vault.SendAsync("POST", "auth/jwt/login", body: new JsonObject { ["role"] = "bound", ["jwt"] = test.Cloud.VaultToken.Current });
        Assert.Equal((403, "permission denied"), (jwtLogin.Status, jwtLogin.Body!["errors"]![0]!.GetValue<string>()));
        Assert.Equal((400, "invalid role name \"nope\""), await Login(test.Cloud.VaultToken.Current, "nope"));
        test.Cloud.VaultToken.Rotate(TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal((403, "permission denied"), await Login(test.Cloud.VaultToken.Current));

        Assert.Equal(1, test.Cloud.Counters.Count("vault.VaultLogin", "denied:WrongAudience"));
        Assert.Equal(1, test.Cloud.Counters.Count("vault.VaultLogin", "denied:BadSignature"));
        Assert.Equal(2, test.Cloud.Counters.Count("vault.VaultLogin", "denied:ServiceAccount"));
        Assert.Equal(1, test.Cloud.Counters.Count("vault.VaultLogin", "denied:Subject"));
        Assert.Equal(1, test.Cloud.Counters.Count("vault.VaultLogin", "denied:Expired"));
    }

    [Fact]
    public async Task A_missing_unknown_revoked_or_expired_token_is_permission_denied()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        using var vault = new VaultCaller(test.Cloud);
        var revoked = await vault.LoginAsync();
        var expiring = await vault.LoginAsync();

        Assert.Equal(204, (await vault.SendAsync("POST", "auth/token/revoke-self", revoked)).Status);
        clock.Advance(TimeSpan.FromHours(1));

        foreach (var token in new[] { null, "hvs.unknown", revoked, expiring })
        {
            var reply = await vault.SendAsync("GET", "secret/data/app/db", token);
            Assert.Equal(403, reply.Status);
            Assert.Equal("application/json", reply.ContentType);
            Assert.Equal("permission denied", reply.Body!["errors"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Renew_self_is_capped_at_the_roles_max_ttl_with_a_warning()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromMinutes(10), TokenMaxTtl = TimeSpan.FromMinutes(30) };
        });
        using var vault = new VaultCaller(test.Cloud);
        var token = await vault.LoginAsync();

        clock.Advance(TimeSpan.FromMinutes(8));
        var renewed = await vault.SendAsync("POST", "auth/token/renew-self", token, new JsonObject { ["increment"] = "10m" });
        Assert.Equal(600, renewed.Body!["auth"]!["lease_duration"]!.GetValue<long>());
        Assert.Null(renewed.Body!["warnings"]);
        clock.Advance(TimeSpan.FromMinutes(7));
        var capped = await vault.SendAsync("POST", "auth/token/renew-self", token, new JsonObject { ["increment"] = 3600 });
        var self = await vault.SendAsync("GET", "auth/token/lookup-self", token);

        Assert.Equal(900, capped.Body!["auth"]!["lease_duration"]!.GetValue<long>());
        Assert.Contains("capped", capped.Body!["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(900, self.Body!["data"]!["ttl"]!.GetValue<long>());
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(403, (await vault.SendAsync("GET", "auth/token/lookup-self", token)).Status);
    }

    [Fact]
    public async Task A_dynamic_lease_renews_up_to_its_max_ttl_and_revokes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromMinutes(10), MaxTtl = TimeSpan.FromMinutes(15) };
        });
        using var vault = new VaultCaller(test.Cloud);
        var token = await vault.LoginAsync();

        var creds = await vault.SendAsync("GET", "database/creds/readonly", token);
        var leaseId = creds.Body!["lease_id"]!.GetValue<string>();
        var username = creds.Body!["data"]!["username"]!.GetValue<string>();
        Assert.StartsWith("database/creds/readonly/", leaseId, StringComparison.Ordinal);
        Assert.Equal(600, creds.Body!["lease_duration"]!.GetValue<long>());
        Assert.True(creds.Body!["renewable"]!.GetValue<bool>());
        Assert.True(test.Cloud.Vault.CredentialsValid(username));

        clock.Advance(TimeSpan.FromMinutes(9));
        var renewed = await vault.SendAsync("PUT", "sys/leases/renew", token, new JsonObject { ["lease_id"] = leaseId, ["increment"] = 3600 });
        Assert.Equal(200, renewed.Status);
        Assert.Equal(360, renewed.Body!["lease_duration"]!.GetValue<long>());
        Assert.Contains("capped", renewed.Body!["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var revoked = await vault.SendAsync("PUT", "sys/leases/revoke", token, new JsonObject { ["lease_id"] = leaseId });
        Assert.Equal(204, revoked.Status);
        Assert.Empty(revoked.Text);
        Assert.False(test.Cloud.Vault.CredentialsValid(username));
        var again = await vault.SendAsync("PUT", "sys/leases/renew", token, new JsonObject { ["lease_id"] = leaseId });
        Assert.Equal(400, again.Status);
        Assert.Equal("application/json", again.ContentType);
    }

    [Fact]
    public async Task Leases_die_with_their_token_whether_it_is_revoked_or_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TimeSpan.FromMinutes(5), TokenMaxTtl = TimeSpan.FromMinutes(5) };
        });
        using var vault = new VaultCaller(test.Cloud);
        var revokedParent = await vault.LoginAsync();
        var expiringParent = await vault.LoginAsync();
        var survivor = await vault.LoginAsync();
        var first = (await vault.SendAsync("GET", "database/creds/readonly", revokedParent)).Body!;
        var second = (await vault.SendAsync("GET", "database/creds/readonly", expiringParent)).Body!;

        await vault.SendAsync("POST", "auth/token/revoke-self", revokedParent);
        Assert.False(test.Cloud.Vault.CredentialsValid(first["data"]!["username"]!.GetValue<string>()));
        Assert.True(test.Cloud.Vault.CredentialsValid(second["data"]!["username"]!.GetValue<string>()));
        clock.Advance(TimeSpan.FromMinutes(5));

        // The lease's own TTL (1 h) has not run out: it died with the token (consul-template#1433).
        Assert.False(test.Cloud.Vault.CredentialsValid(second["data"]!["username"]!.GetValue<string>()));
        var fresh = await vault.LoginAsync();
        var renew = await vault.SendAsync("PUT", "sys/leases/renew", fresh, new JsonObject { ["lease_id"] = second["lease_id"]!.GetValue<string>() });
        Assert.Equal(400, renew.Status);
        Assert.NotNull(survivor);
    }

    [Fact]
    public async Task The_namespace_header_scopes_tokens_and_secrets()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);
        var root = await vault.LoginAsync();
        var ns1 = await vault.LoginAsync(ns: "ns1/");

        await vault.SendAsync("POST", "secret/data/app", ns1, new JsonObject { ["data"] = new JsonObject { ["k"] = "in-ns1" } }, ns: "ns1");

        Assert.Equal("in-ns1", (await vault.SendAsync("GET", "secret/data/app", ns1, ns: "ns1/")).Body!["data"]!["data"]!["k"]!.GetValue<string>());
        Assert.Equal(404, (await vault.SendAsync("GET", "secret/data/app", root)).Status);
        Assert.Equal(403, (await vault.SendAsync("GET", "secret/data/app", root, ns: "ns1")).Status);
    }

    [Fact]
    public async Task Sealed_faults_and_garbage_bodies_are_served_as_configured()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);
        var token = await vault.LoginAsync();

        test.Cloud.Vault.Sealed = true;
        var sealedRead = await vault.SendAsync("GET", "secret/data/app", token);
        var health = await vault.SendAsync("GET", "sys/health");
        test.Cloud.Vault.Sealed = false;
        test.Cloud.Faults.Set("VaultKvRead", new Fault { Kind = FaultKind.GarbageBody, Count = 1 });
        var garbage = await vault.SendAsync("GET", "secret/data/app", token);
        test.Cloud.Faults.Set("VaultKvRead", new Fault { Kind = FaultKind.ServiceUnavailable, Count = 1 });
        var unavailable = await vault.SendAsync("GET", "secret/data/app", token);

        Assert.Equal((503, "Vault is sealed"), (sealedRead.Status, sealedRead.Body!["errors"]![0]!.GetValue<string>()));
        Assert.Equal(503, health.Status);
        Assert.True(health.Body!["sealed"]!.GetValue<bool>());
        Assert.Equal((200, "application/json"), (garbage.Status, garbage.ContentType));
        Assert.Null(garbage.Body);
        Assert.Equal(503, unavailable.Status);
        Assert.Equal(200, (await vault.SendAsync("GET", "sys/health")).Status);
        Assert.Equal(1, test.Cloud.Counters.Count("vault.VaultKvRead", "fault:GarbageBody"));
    }

    [Fact]
    public async Task Vault_is_in_endpoints_json_and_https_with_tls()
    {
        await using var test = await TestCloud.StartAsync(o => o.Tls = true);
        using var vault = new VaultCaller(test.Cloud);

        var health = await vault.SendAsync("GET", "sys/health");

        Assert.Equal("https", test.Cloud.VaultUrl.Scheme);
        Assert.Equal(test.Cloud.VaultUrl.ToString(), test.Cloud.Endpoints.Vault);
        Assert.Equal(test.Cloud.VaultToken.Path, test.Cloud.Endpoints.TokenFiles["vault"]);
        Assert.Contains("\"vault\"", await File.ReadAllTextAsync(test.Cloud.EndpointsFile), StringComparison.Ordinal);
        Assert.Equal(200, health.Status);
    }

    [Fact]
    public async Task Kv2_delete_undelete_and_destroy_of_chosen_versions_as_vault_answers_them()
    {
        await using var test = await TestCloud.StartAsync();
        using var vault = new VaultCaller(test.Cloud);
        var token = (await vault.SendAsync("POST", "auth/kubernetes/login", body: new JsonObject { ["role"] = "sidecar", ["jwt"] = test.Cloud.VaultToken.Current })).Body!["auth"]!["client_token"]!.GetValue<string>();
        await vault.SendAsync("POST", "secret/data/app/db", token, new JsonObject { ["data"] = new JsonObject { ["password"] = "one" } });
        await vault.SendAsync("POST", "secret/data/app/db", token, new JsonObject { ["data"] = new JsonObject { ["password"] = "two" } });

        Assert.Equal(204, (await vault.SendAsync("POST", "secret/delete/app/db", token, new JsonObject { ["versions"] = new JsonArray(1) })).Status);
        var deleted = await vault.SendAsync("GET", "secret/data/app/db?version=1", token);
        Assert.Equal(404, deleted.Status);
        Assert.NotEqual(string.Empty, deleted.Body!["data"]!["metadata"]!["deletion_time"]!.GetValue<string>());
        Assert.Equal(204, (await vault.SendAsync("POST", "secret/undelete/app/db", token, new JsonObject { ["versions"] = new JsonArray(1) })).Status);
        Assert.Equal("one", (await vault.SendAsync("GET", "secret/data/app/db?version=1", token)).Body!["data"]!["data"]!["password"]!.GetValue<string>());

        Assert.Equal(204, (await vault.SendAsync("PUT", "secret/destroy/app/db", token, new JsonObject { ["versions"] = new JsonArray(2) })).Status);
        var destroyed = await vault.SendAsync("GET", "secret/data/app/db", token);
        Assert.Equal(404, destroyed.Status);
        Assert.Null(destroyed.Body!["data"]!["data"]);
        Assert.True(destroyed.Body!["data"]!["metadata"]!["destroyed"]!.GetValue<bool>());
        Assert.Equal(204, (await vault.SendAsync("POST", "secret/undelete/app/db", token, new JsonObject { ["versions"] = new JsonArray(2) })).Status);
        Assert.Equal(404, (await vault.SendAsync("GET", "secret/data/app/db", token)).Status);
        var metadata = await vault.SendAsync("GET", "secret/metadata/app/db", token);
        Assert.True(metadata.Body!["data"]!["versions"]!["2"]!["destroyed"]!.GetValue<bool>());
        Assert.False(metadata.Body!["data"]!["versions"]!["1"]!["destroyed"]!.GetValue<bool>());
        Assert.Empty(test.Cloud.Vault.Kv2(string.Empty, "app/db")![1].Data);

        var missing = await vault.SendAsync("POST", "secret/destroy/app/db", token, new JsonObject());
        Assert.Equal(400, missing.Status);
        Assert.Equal("no version number provided", missing.Body!["errors"]![0]!.GetValue<string>());
        Assert.Equal(2, test.Cloud.Counters.Count("vault.VaultKvDestroy"));
        Assert.Equal(2, test.Cloud.Counters.Count("vault.VaultKvUndelete"));
    }
}
