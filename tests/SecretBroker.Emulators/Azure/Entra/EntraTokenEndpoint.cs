using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// Entra's v2 token endpoint for workload identity (protocols.md §4): <c>POST /{tenant}/oauth2/v2.0/token</c>, the
/// client-credentials grant with a JWT-bearer client assertion (the projected token). Checked in Entra's order: the
/// tenant, the form (grant, scope ending <c>/.default</c>, assertion type), the app, then the assertion against the
/// app's federated credentials (<see cref="FederatedAssertionCheck"/>). Also the tenant's OpenID metadata
/// (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>), which MSAL for Node reads before its first token.
/// </summary>
internal sealed class EntraTokenEndpoint(
    EntraOptions options, Func<Uri> self, FederatedAssertionCheck assertions, AccessTokenAuthority tokens,
    EntraTokenRequests requests, FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    public const string TokenOperation = "EntraToken";
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "/").Trim('/').Split('/');
        if (segments is [var tenant, "v2.0", ".well-known", "openid-configuration"] && HttpMethods.IsGet(context.Request.Method))
        {
            await OpenIdConfigurationAsync(context, tenant);
            return;
        }

        if (segments is not [var tokenTenant, "oauth2", "v2.0", "token"] || !HttpMethods.IsPost(context.Request.Method))
        {
            counters.Record("entra.Unknown", context.Request.Method + " " + context.Request.Path);
            context.Response.StatusCode = 404;
            return;
        }

        var (fault, latency) = faults.Next(TokenOperation);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        switch (fault)
        {
            case FaultKind.DropConnection:
                counters.Record("entra." + TokenOperation, "fault:drop");
                context.Abort();
                return;
            case FaultKind.InternalServiceError or FaultKind.ServiceUnavailable or FaultKind.Throttling:
                var status = fault switch { FaultKind.Throttling => 429, FaultKind.ServiceUnavailable => 503, _ => 500 };
                if (status == 429)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                await ReplyAsync(context, status, new EntraError(status, "temporarily_unavailable", 50196, "The server is temporarily unavailable.").ToJson(time.GetUtcNow()), "fault:" + fault);
                return;
        }

        var result = await ProcessAsync(context, tokenTenant);
        var claims = AssertionClaims.TryRead(result.Assertion);
        requests.Add(new EntraTokenRequest(time.GetUtcNow(), result.ClientId, claims?.Id ?? string.Empty, claims?.Subject ?? string.Empty,
            result.Error?.Outcome ?? "ok", result.Body?["access_token"]?.GetValue<string>()));
        if (result.Error is { } error)
        {
            await ReplyAsync(context, error.Status, error.ToJson(time.GetUtcNow()), error.Outcome);
            return;
        }

        await ReplyAsync(context, 200, result.Body!, "ok");
    }

    private async Task<(JsonObject? Body, EntraError? Error, string ClientId, string Assertion)> ProcessAsync(HttpContext context, string tenant)
    {
        var (body, error) = await AnswerAsync(context, tenant);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        return (body, error, form?["client_id"].ToString() ?? string.Empty, form?["client_assertion"].ToString() ?? string.Empty);
    }

    private async Task<(JsonObject? Body, EntraError? Error)> AnswerAsync(HttpContext context, string tenant)
    {
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        if (!context.Request.HasFormContentType)
        {
            return Fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string Field(string name) => form.TryGetValue(name, out StringValues v) ? v.ToString() : string.Empty;
        foreach (var required in (string[])["grant_type", "client_id", "scope"])
        {
            if (Field(required).Length == 0)
            {
                return Fail(400, "invalid_request", 900144, $"The request body must contain the following parameter: '{required}'.");
            }
        }

        if (Field("grant_type") != "client_credentials")
        {
            return Fail(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{Field("grant_type")}'.");
        }

        var scope = Field("scope");
        if (!scope.EndsWith("/.default", StringComparison.Ordinal) || scope.Contains(' ', StringComparison.Ordinal))
        {
            return Fail(400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        if (Field("client_assertion_type") != JwtBearer || Field("client_assertion").Length == 0)
        {
            return Fail(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        var clientId = Field("client_id");
        if (!options.FederatedCredentials.TryGetValue(clientId, out var records))
        {
            return Fail(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
        }

        if (assertions.Check(records, Field("client_assertion")) is { } refused)
        {
            return (null, refused);
        }

        var resource = scope[..^"/.default".Length];
        var lifetime = options.AccessTokenLifetime;
        var seconds = (long)lifetime.TotalSeconds;
        return (new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = tokens.Mint(options.TenantId, clientId, resource, lifetime),
        }, null);
    }

    private Task OpenIdConfigurationAsync(HttpContext context, string tenant)
    {
        counters.Record("entra.OpenIdConfiguration", "ok");
        return ReplyJsonAsync(context, 200, OpenIdMetadata.For(self(), tenant));
    }

    private static (JsonObject?, EntraError?) Fail(int status, string error, int code, string message) => (null, new EntraError(status, error, code, message));

    private Task ReplyAsync(HttpContext context, int status, JsonObject body, string outcome)
    {
        counters.Record("entra." + TokenOperation, outcome);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        return ReplyJsonAsync(context, status, body);
    }

    private static Task ReplyJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
