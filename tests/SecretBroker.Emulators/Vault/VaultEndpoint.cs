using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Emulators.Vault;

/// <summary>
/// Vault's front door (protocols.md §6, §10): faults, the sealed flag, then routing. Unauthenticated: logins and
/// <c>sys/health</c>; everything else needs a live token of the request's namespace (else 403 permission denied).
/// Every JSON answer is <c>Content-Type: application/json</c> exactly (hvac compares the string) with
/// <c>Cache-Control: no-store</c>; errors are <c>{"errors":[…]}</c>.
/// </summary>
internal sealed class VaultEndpoint(VaultState state, VaultAuthOperations auth, VaultSecretOperations secrets,
    FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        JsonObject body;
        try
        {
            body = await ReadBodyAsync(context);
        }
        catch (JsonException)
        {
            await ReplyAsync(context, "VaultUnknown", VaultAnswer.BadRequest("failed to parse JSON input"));
            return;
        }

        var request = VaultRequest.From(context.Request, body);
        var operation = Operation(request);
        var (fault, latency) = faults.Next(operation);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        switch (fault)
        {
            case FaultKind.DropConnection:
                counters.Record("vault." + operation, "fault:drop");
                context.Abort();
                return;
            case FaultKind.InternalServiceError:
                await ReplyAsync(context, operation, VaultAnswer.Error(500, "fault:InternalServiceError", "internal error"));
                return;
            case FaultKind.ServiceUnavailable:
                await ReplyAsync(context, operation, VaultAnswer.Error(503, "fault:ServiceUnavailable", "Vault is sealed"));
                return;
            case FaultKind.Throttling:
                context.Response.Headers.RetryAfter = "1";
                await ReplyAsync(context, operation, VaultAnswer.Error(429, "fault:Throttling", $"request path \"{request.Path}\": rate limit quota exceeded"));
                return;
            case FaultKind.GarbageBody:
                counters.Record("vault." + operation, "fault:GarbageBody");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("<html>not json", context.RequestAborted);
                return;
        }

        VaultAnswer answer;
        try
        {
            answer = Route(request);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A body field of the wrong JSON type (a number where Vault wants a string, say).
            answer = VaultAnswer.BadRequest("invalid request: a field has the wrong type");
        }

        await ReplyAsync(context, operation, answer);
    }

    private VaultAnswer Route(VaultRequest request)
    {
        var path = request.Path;
        if (path == "sys/health")
        {
            return Health();
        }

        if (state.Sealed)
        {
            return VaultAnswer.Error(503, "sealed", "Vault is sealed");
        }

        if (path.StartsWith("auth/", StringComparison.Ordinal) && path.EndsWith("/login", StringComparison.Ordinal) && request.Verb == "POST")
        {
            return auth.Login(request, path[5..^6]);
        }

        var now = time.GetUtcNow();
        if (request.Token is null || state.FindToken(request.Token) is not { } token || !token.IsLive(now) || token.Namespace != request.Namespace)
        {
            return VaultAnswer.PermissionDenied();
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var mount = slash < 0 ? path : path[..slash];
        var rest = slash < 0 ? string.Empty : path[(slash + 1)..];
        var options = state.Options;
        return (path, request.Verb) switch
        {
            ("auth/token/lookup-self", "GET" or "POST") => VaultAuthOperations.LookupSelf(token, now),
            ("auth/token/renew-self", "POST") => auth.RenewSelf(request, token),
            ("auth/token/revoke-self", "POST") => auth.RevokeSelf(token),
            ("sys/leases/renew", "POST") => secrets.RenewLease(request, null),
            ("sys/leases/revoke", "POST") => secrets.RevokeLease(request, null),
            _ when path.StartsWith("sys/leases/renew/", StringComparison.Ordinal) && request.Verb == "POST" => secrets.RenewLease(request, path["sys/leases/renew/".Length..]),
            _ when path.StartsWith("sys/leases/revoke/", StringComparison.Ordinal) && request.Verb == "POST" => secrets.RevokeLease(request, path["sys/leases/revoke/".Length..]),
            _ when mount == options.KvV2Mount => secrets.Kv2(request, rest),
            _ when mount == options.KvV1Mount && rest.Length > 0 => secrets.Kv1(request, rest),
            _ when mount == options.DatabaseMount => secrets.DatabaseCreds(request, rest, token),
            _ => VaultAnswer.Error(404, "no-handler", $"no handler for route \"{path}\". route entry not found."),
        };
    }

    private VaultAnswer Health()
    {
        var status = state.Sealed ? 503 : 200;
        return new VaultAnswer(status, new JsonObject
        {
            ["initialized"] = true,
            ["sealed"] = state.Sealed,
            ["standby"] = false,
            ["performance_standby"] = false,
            ["replication_performance_mode"] = "disabled",
            ["replication_dr_mode"] = "disabled",
            ["server_time_utc"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["version"] = "1.17.0",
            ["cluster_name"] = "vault-cluster-emulator",
            ["cluster_id"] = "00000000-0000-0000-0000-000000000001",
        }, state.Sealed ? "sealed" : "ok");
    }

    /// <summary>The operation name faults and counters use (<c>vault.&lt;name&gt;</c>).</summary>
    private string Operation(VaultRequest request)
    {
        var path = request.Path;
        var options = state.Options;
        var mount = path.Split('/')[0];
        return path switch
        {
            "sys/health" => "VaultHealth",
            "auth/token/lookup-self" => "VaultLookupSelf",
            "auth/token/renew-self" => "VaultRenewSelf",
            "auth/token/revoke-self" => "VaultRevokeSelf",
            _ when path.StartsWith("auth/", StringComparison.Ordinal) && path.EndsWith("/login", StringComparison.Ordinal) => "VaultLogin",
            _ when path.StartsWith("sys/leases/renew", StringComparison.Ordinal) => "VaultLeaseRenew",
            _ when path.StartsWith("sys/leases/revoke", StringComparison.Ordinal) => "VaultLeaseRevoke",
            _ when mount == options.KvV2Mount && request.Verb == "GET" && path.StartsWith(mount + "/metadata/", StringComparison.Ordinal) => "VaultKvMetadata",
            _ when mount == options.KvV2Mount && path.StartsWith(mount + "/destroy/", StringComparison.Ordinal) => "VaultKvDestroy",
            _ when mount == options.KvV2Mount && path.StartsWith(mount + "/undelete/", StringComparison.Ordinal) => "VaultKvUndelete",
            _ when mount == options.KvV2Mount && path.StartsWith(mount + "/delete/", StringComparison.Ordinal) => "VaultKvDelete",
            _ when mount == options.KvV2Mount || mount == options.KvV1Mount => request.Verb switch
            {
                "GET" => "VaultKvRead",
                "LIST" => "VaultKvList",
                "DELETE" => "VaultKvDelete",
                _ => "VaultKvWrite",
            },
            _ when mount == options.DatabaseMount => "VaultDynamicCreds",
            _ => "VaultUnknown",
        };
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
    }

    private Task ReplyAsync(HttpContext context, string operation, VaultAnswer answer)
    {
        counters.Record("vault." + operation, answer.Outcome);
        context.Response.StatusCode = answer.Status;
        context.Response.Headers.CacheControl = "no-store";
        if (answer.Body is null)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
    }
}
