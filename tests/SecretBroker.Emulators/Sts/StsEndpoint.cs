using System.Text.RegularExpressions;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.SecretsManager;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Sts;

/// <summary>
/// <c>AssumeRoleWithWebIdentity</c> over the Query protocol: a form POST to any path, unsigned. Verifies the
/// token against the issuer (signature, iss, aud, exp/nbf) and the role trust map, then issues a session.
/// <c>AssumeRole</c> (role chaining, SigV4-signed with issued credentials) is the <c>.AssumeRole</c> part.
/// </summary>
internal sealed partial class StsEndpoint(StsOptions options, JwtValidator validator, SessionRegistry sessions, OidcIssuer issuer, RequestCounters counters, string accountId, SigV4Verifier? signatures = null)
{
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        // The form is read from a buffered copy: AssumeRole's signature covers the body's exact bytes.
        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0;
        var bodyBytes = buffer.ToArray();
        var isAssumeRole = context.Request.HasFormContentType
            && (await context.Request.ReadFormAsync(context.RequestAborted))["Action"] == "AssumeRole";
        var (status, body, outcome) = isAssumeRole
            ? await AssumeRoleAsync(context, bodyBytes, requestId)
            : await ProcessAsync(context, requestId);
        counters.Record(isAssumeRole ? "sts.AssumeRole" : "sts.AssumeRoleWithWebIdentity", outcome);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private async Task<(int Status, string Body, string Outcome)> ProcessAsync(HttpContext context, string requestId)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return Fail(new StsError("InvalidAction", 400, "Expected a form POST (application/x-www-form-urlencoded)."), requestId);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["Action"] != "AssumeRoleWithWebIdentity")
        {
            return Fail(new StsError("InvalidAction", 400, $"Could not find operation {form["Action"]} for version {form["Version"]}"), requestId);
        }

        if (form["Version"] != "2011-06-15")
        {
            return Fail(new StsError("InvalidAction", 400, $"Could not find operation AssumeRoleWithWebIdentity for version {form["Version"]}"), requestId);
        }

        var roleArn = form["RoleArn"].ToString();
        var sessionName = form["RoleSessionName"].ToString();
        var token = form["WebIdentityToken"].ToString();
        var durationText = form["DurationSeconds"].ToString();
        if (roleArn.Length is < 20 or > 2048)
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048"), requestId);
        }

        if (sessionName.Length is < 2 or > 64 || !SessionNamePattern().IsMatch(sessionName))
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and length 2-64"), requestId);
        }

        if (token.Length is < 4 or > 20000)
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000"), requestId);
        }

        var lifetime = options.SessionLifetime;
        if (durationText.Length > 0)
        {
            if (!int.TryParse(durationText, out var seconds) || seconds is < 900 or > 43200)
            {
                return Fail(StsError.Validation("1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200"), requestId);
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        var failure = validator.Validate(token, options.RequiredAudience, out var validated, out var message);
        if (failure == JwtFailure.Expired)
        {
            return Fail(new StsError("ExpiredTokenException", 400, message), requestId);
        }

        if (failure != JwtFailure.None)
        {
            return Fail(StsError.InvalidIdentityToken(message), requestId);
        }

        if (!options.RoleTrust.TryGetValue(roleArn, out var allowed) || !allowed.Contains(validated!.Subject))
        {
            return Fail(new StsError("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity"), requestId);
        }

        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var assumedRoleArn = $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}";
        var session = sessions.Issue("sts", validated.Subject, lifetime, roleArn, assumedRoleArn, validated.Id);
        var body = StsXml.Success(session, validated.Subject, options.RequiredAudience, issuer.Issuer, $"AROAEMULATOR{roleName.Length:D8}:{sessionName}", requestId);
        return (200, body, "ok");
    }

    private static (int, string, string) Fail(StsError error, string requestId) => (error.Status, StsXml.Error(error, requestId), error.Code);

    [GeneratedRegex(@"^[\w+=,.@-]*$")]
    private static partial Regex SessionNamePattern();
}
