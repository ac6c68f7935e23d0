using System.Globalization;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.PodIdentity;

/// <summary>
/// <c>GET /v1/credentials</c> as the EKS Pod Identity agent answers it (protocols.md §3): <c>Authorization</c> is the
/// raw token file contents (no <c>Bearer</c>); errors are plain text; the Host header is deliberately not checked.
/// </summary>
internal sealed class PodIdentityEndpoint(PodIdentityOptions options, ProjectedTokenFile tokenFile, JwtValidator validator, SessionRegistry sessions, RequestCounters counters, string accountId)
{
    private const string CounterKey = "pod-identity.GetCredentials";

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.Equals("/v1/credentials", StringComparison.Ordinal))
        {
            await PlainAsync(context, 404, "404 page not found", "NotFound");
            return;
        }

        var token = context.Request.Headers.Authorization.ToString();
        if (token.Length == 0)
        {
            await PlainAsync(context, 400, "Service account token cannot be empty", "EmptyToken");
            return;
        }

        var failure = validator.Validate(token, options.Audience, out var validated, out _);
        switch (failure)
        {
            case JwtFailure.Malformed:
                await PlainAsync(context, 400, "Service account token cannot be parsed", "Unparseable");
                return;
            case JwtFailure.Expired or JwtFailure.NotYetValid:
                await PlainAsync(context, 400, "Service account token failed basic claim validations", "Expired");
                return;
            case not JwtFailure.None:
                await PlainAsync(context, 403, "Access Denied: the service account token was rejected by EKS Auth", "AccessDenied");
                return;
        }

        // The agent is called with what the kubelet wrote; a token that is valid but is not the file's content is someone else's.
        if (!string.Equals(token, File.ReadAllText(tokenFile.Path), StringComparison.Ordinal))
        {
            await PlainAsync(context, 403, "Access Denied: token does not match the pod's projected token", "AccessDenied");
            return;
        }

        var session = sessions.Issue("pod-identity", validated!.Subject, options.CredentialLifetime, options.RoleArn, tokenId: validated.Id);
        counters.Record(CounterKey, "ok");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["AccessKeyId"] = session.AccessKeyId,
            ["SecretAccessKey"] = session.SecretAccessKey,
            ["Token"] = session.SessionToken,
            ["AccountId"] = accountId,
            ["Expiration"] = session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private Task PlainAsync(HttpContext context, int status, string message, string outcome)
    {
        counters.Record(CounterKey, outcome);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
