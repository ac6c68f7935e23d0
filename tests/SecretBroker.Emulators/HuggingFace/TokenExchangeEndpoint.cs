using System.Globalization;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.HuggingFace;

/// <summary>
/// The Hub's RFC 8693 token exchange (protocols.md §11): <c>POST /oauth/token</c>, a form with <c>grant_type</c>
/// token-exchange, an id_token <c>subject_token</c> and a <c>resource</c>. The subject token is verified like the Hub
/// does: RS256 signature against the cluster issuer's key (its JWKS), <c>iss</c>, <c>aud</c> = <c>https://huggingface.co</c>,
/// <c>exp</c>/<c>nbf</c>, and <c>sub</c> against the resource's trusted publishers. Refusals use the OAuth error shape
/// <c>{"error":…,"error_description":…}</c>; faults (operation <c>TokenExchange</c>) come first, as a failing front end.
/// </summary>
internal sealed class TokenExchangeEndpoint(TokenExchangeState state, JwtValidator validator, FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    public const string Path = "/oauth/token";
    public const string Operation = "TokenExchange";

    private const string CounterKey = "huggingface." + Operation;
    private const string GrantType = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string IdTokenType = "urn:ietf:params:oauth:token-type:id_token";

    public async Task HandleAsync(HttpContext context)
    {
        var (fault, latency) = faults.Next(Operation);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        switch (fault)
        {
            case FaultKind.DropConnection:
                counters.Record(CounterKey, "fault:drop");
                context.Abort();
                return;
            case FaultKind.InternalServiceError:
                await ReplyAsync(context, 500, Error("server_error", "Internal Error"), "fault:InternalServiceError");
                return;
            case FaultKind.ServiceUnavailable:
                await ReplyAsync(context, 503, Error("temporarily_unavailable", "Service Unavailable"), "fault:ServiceUnavailable");
                return;
            case FaultKind.Throttling:
                context.Response.Headers.RetryAfter = "1";
                await ReplyAsync(context, 429, Error("rate_limited", "Too many requests"), "fault:Throttling");
                return;
        }

        var (status, body, outcome) = await ProcessAsync(context);
        await ReplyAsync(context, status, body, outcome);
    }

    private async Task<(int Status, JsonObject Body, string Outcome)> ProcessAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return Refuse(400, "invalid_request", "Expected a form POST (application/x-www-form-urlencoded).");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != GrantType)
        {
            return Refuse(400, "unsupported_grant_type", $"Unsupported grant_type '{form["grant_type"]}'.");
        }

        if (form["subject_token_type"] != IdTokenType)
        {
            return Refuse(400, "invalid_request", $"subject_token_type must be {IdTokenType}.");
        }

        var subjectToken = form["subject_token"].ToString();
        var resource = form["resource"].ToString();
        if (subjectToken.Length == 0)
        {
            return Refuse(400, "invalid_request", "subject_token is required.");
        }

        if (resource.Length == 0)
        {
            return Refuse(400, "invalid_request", "resource is required (a repo id or a user or organization name).");
        }

        var failure = validator.Validate(subjectToken, state.RequiredAudience, out var validated, out _);
        if (failure != JwtFailure.None)
        {
            return Refuse(401, "invalid_grant", failure switch
            {
                JwtFailure.BadSignature => "The subject token's signature does not verify against the issuer's JWKS.",
                JwtFailure.WrongIssuer => "The subject token's issuer is not a trusted publisher's issuer.",
                JwtFailure.WrongAudience => $"The subject token's audience must be {state.RequiredAudience}.",
                JwtFailure.Expired => "The subject token has expired.",
                JwtFailure.NotYetValid => "The subject token is not valid yet.",
                _ => "The subject token is not a valid JWT.",
            });
        }

        if (!state.IsTrusted(resource, validated!.Subject))
        {
            return Refuse(400, "invalid_grant", $"No trusted publisher of '{resource}' matches subject '{validated.Subject}'.");
        }

        var issued = state.Issue(validated, resource);
        var body = new JsonObject
        {
            ["access_token"] = issued.AccessToken,
            ["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)Math.Round((issued.ExpiresAt - issued.IssuedAt).TotalSeconds),
        };
        return (200, body, "ok");
    }

    private static (int, JsonObject, string) Refuse(int status, string error, string description) => (status, Error(error, description), error);

    private static JsonObject Error(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    private Task ReplyAsync(HttpContext context, int status, JsonObject body, string outcome)
    {
        counters.Record(CounterKey, outcome);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
