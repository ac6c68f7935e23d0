using System.Net;
using SecretBroker.Backends;
using SecretBroker.Emulators.Faults;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Errors;

/// <summary>
/// Each error class: 404/403/400 permanent; 429 (with its Retry-After), 412, 5xx and sealed transient; a body that is
/// not Vault's envelope transient, naming the backend and never quoting the body. A transient failure ends the call.
/// </summary>
public sealed class ErrorClassTests
{
    private const string Canary = "CANARY-9f1d-never-print-me";

    private static async Task<(VaultTestCloud Cloud, CountingHandler Handler, VaultBackend Backend)> LoggedInAsync(string name = "vault")
    {
        VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", $$"""{"password":"{{Canary}}"}""");
        cloud.WriteKv2("app/other", $$"""{"password":"{{Canary}}"}""");
        var handler = new CountingHandler();
        VaultBackend backend = cloud.Backend(handler, name: name);
        Assert.True((await backend.FetchAsync([Secret("db", "secret/data/app/db")], default))[0].Succeeded);
        handler.Clear();
        return (cloud, handler, backend);
    }

    private static void NoCanary(SecretBackendException error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Canary, e.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.Throttling, "rate limited (429)")]
    [InlineData(FaultKind.InternalServiceError, "server error (500)")]
    [InlineData(FaultKind.ServiceUnavailable, "Vault is sealed or unavailable (503)")]
    [InlineData(FaultKind.GarbageBody, "the answer is not Vault's JSON envelope")]
    [InlineData(FaultKind.DropConnection, "request failed")]
    public async Task A_transient_fault_fails_the_rest_of_the_call_without_more_requests(FaultKind fault, string words)
    {
        (VaultTestCloud cloud, CountingHandler handler, VaultBackend backend) = await LoggedInAsync("kv-prod");
        await using (cloud)
        using (handler)
        await using (backend)
        {
            cloud.Cloud.Faults.Set("VaultKvRead", new Fault { Kind = fault, Count = 1 });

            IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync([Secret("db", "secret/data/app/db"), Secret("other", "secret/data/app/other")], default);

            Assert.All(results, r => Assert.Equal(SecretErrorKind.Transient, r.Error!.Kind));
            string message = results[0].Error!.Message;
            Assert.True(message.Contains($"vault backend 'kv-prod': GET secret/data/app/db: {words}", StringComparison.Ordinal), message);
            Assert.Same(results[0].Error, results[1].Error);
            Assert.Equal(1, handler.Count("GET", "secret/data/"));
            Assert.All(results, r => NoCanary(r.Error!));
            if (fault == FaultKind.Throttling)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), results[0].Error!.RetryAfter);
            }
        }
    }

    [Fact]
    public async Task A_sealed_vault_is_transient_for_reads_and_probes_and_no_login_is_spent_on_it()
    {
        (VaultTestCloud cloud, CountingHandler handler, VaultBackend backend) = await LoggedInAsync();
        await using (cloud)
        using (handler)
        await using (backend)
        {
            cloud.Vault.Sealed = true;

            SecretFetchResult read = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));
            var probe = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.ProbeAsync([Secret("db", "secret/data/app/db")], default));

            Assert.Equal(SecretErrorKind.Transient, read.Error!.Kind);
            Assert.Equal(SecretErrorKind.Transient, probe.Kind);
            Assert.Contains("(503)", probe.Message, StringComparison.Ordinal);
            Assert.Equal(0, handler.Count("POST", "auth/"));
        }
    }

    [Theory]
    [InlineData(412, SecretErrorKind.Transient, "not yet consistent (412)")]
    [InlineData(502, SecretErrorKind.Transient, "server error (502)")]
    [InlineData(307, SecretErrorKind.Transient, "redirected (307); not followed")]
    [InlineData(404, SecretErrorKind.Permanent, "not found (404)")]
    [InlineData(400, SecretErrorKind.Permanent, "invalid request (400)")]
    [InlineData(405, SecretErrorKind.Permanent, "unexpected status 405")]
    public async Task Each_status_has_its_class_and_the_message_quotes_no_body(int status, SecretErrorKind kind, string words)
    {
        (VaultTestCloud cloud, CountingHandler handler, VaultBackend backend) = await LoggedInAsync();
        await using (cloud)
        using (handler)
        await using (backend)
        {
            handler.Intercept = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/data/", StringComparison.Ordinal)
                ? CountingHandler.Json((HttpStatusCode)status, $$"""{"errors":["{{Canary}}"]}""")
                : null;

            SecretBackendException error = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default)).Error!;

            Assert.Equal(kind, error.Kind);
            Assert.Contains("GET secret/data/app/db: " + words, error.Message, StringComparison.Ordinal);
            NoCanary(error);
        }
    }

    [Fact]
    public async Task An_unknown_dynamic_role_is_a_permanent_400()
    {
        (VaultTestCloud cloud, CountingHandler handler, VaultBackend backend) = await LoggedInAsync();
        await using (cloud)
        using (handler)
        await using (backend)
        {
            SecretBackendException error = Assert.Single(await backend.FetchAsync([Secret("db", "database/creds/nobody")], default)).Error!;

            Assert.Equal(SecretErrorKind.Permanent, error.Kind);
            Assert.Contains("database/creds/nobody: invalid request (400)", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("text/html", "<html><body>Bad gateway CANARY-9f1d-never-print-me</body></html>")]
    [InlineData("application/json", "{\"data\":{\"data\":{\"password\":\"CANARY-9f1d-never-print-me\"}")]
    [InlineData("application/json", "{\"data\":\"CANARY-9f1d-never-print-me\"}")]
    [InlineData("application/json", "{\"renewable\":\"CANARY-9f1d-never-print-me\",\"data\":{}}")]
    [InlineData("application/json", "[\"CANARY-9f1d-never-print-me\"]")]
    [InlineData("application/json", "{\"data\":{\"data\":{\"password\":\"CANARY-9f1d-never-print-me\"},\"metadata\":{\"version\":\"two\"}}}")]
    public async Task A_200_that_is_not_the_documented_envelope_is_transient_and_quotes_none_of_it(string mediaType, string body)
    {
        (VaultTestCloud cloud, CountingHandler handler, VaultBackend backend) = await LoggedInAsync();
        await using (cloud)
        using (handler)
        await using (backend)
        {
            handler.Intercept = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/", StringComparison.Ordinal)
                ? CountingHandler.Json(HttpStatusCode.OK, body, mediaType)
                : null;

            SecretBackendException read = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default)).Error!;
            var probe = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.ProbeAsync([Secret("db", "secret/data/app/db")], default));

            Assert.Equal(SecretErrorKind.Transient, read.Kind);
            Assert.Equal(SecretErrorKind.Transient, probe.Kind);
            Assert.Contains("vault backend 'vault': GET secret/data/app/db: the answer is not Vault's JSON envelope", read.Message, StringComparison.Ordinal);
            NoCanary(read);
            NoCanary(probe);
        }
    }

    [Fact]
    public async Task A_garbage_login_answer_is_transient_and_an_oversized_body_is_not_read_whole()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.Cloud.Faults.Set("VaultLogin", new Fault { Kind = FaultKind.GarbageBody, Count = 1 });
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);

        SecretBackendException login = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default)).Error!;
        handler.Intercept = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/", StringComparison.Ordinal)
            ? CountingHandler.Json(HttpStatusCode.OK, "{\"data\":\"" + new string('x', 2 << 20) + "\"}")
            : null;
        cloud.Clock.Advance(TimeSpan.FromSeconds(20));
        SecretBackendException huge = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default)).Error!;

        Assert.Equal(SecretErrorKind.Transient, login.Kind);
        Assert.Contains("POST auth/kubernetes/login: the answer is not Vault's JSON envelope", login.Message, StringComparison.Ordinal);
        Assert.Equal(SecretErrorKind.Transient, huge.Kind);
        Assert.Contains("not Vault's JSON envelope", huge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task However_long_vault_stays_down_the_backend_keeps_no_per_attempt_state()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretDefinition[] secrets = [Secret("u", "database/creds/readonly", key: "username"), Secret("db", "secret/data/app/db", version: "1"), Secret("kv", "secret/data/app/kv")];
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        cloud.WriteKv2("app/kv", """{"password":"p1"}""");
        await backend.FetchAsync(secrets, default);
        int tracked = backend.TrackedState;
        cloud.Vault.Sealed = true;

        for (int i = 0; i < 200; i++)
        {
            cloud.Clock.Advance(TimeSpan.FromSeconds(30));
            await backend.FetchAsync(secrets, default);
            try
            {
                await backend.ProbeAsync(secrets, default);
            }
            catch (SecretBackendException)
            {
            }
        }

        Assert.Equal(tracked, backend.TrackedState);
        Assert.True(cloud.Count("VaultLogin", "ok") <= 1 + 3 + (200 * 30 / 20), "logins are rate-limited");
    }
}
