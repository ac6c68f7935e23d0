using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Sts;

/// <summary>
/// STS over the Query protocol, a form POST to any path: <c>AssumeRoleWithWebIdentity</c> (unsigned; the token is
/// verified against the issuer — signature, iss, aud, exp/nbf — and the role trust map) and <c>AssumeRole</c>
/// (SigV4-signed role chaining, <see cref="AssumeRoleOperation"/>). Counters are keyed <c>sts.&lt;Action&gt;</c>.
/// </summary>
internal sealed partial class StsEndpoint(StsOptions options, JwtValidator validator, SessionRegistry sessions, OidcIssuer issuer, RequestCounters counters, string accountId, AssumeRoleOperation assumeRole)
{
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var form = context.Request.HasFormContentType ? QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)) : new Dictionary<string, StringValues>();
        var action = form.GetValueOrDefault("Action").ToString();
        var (status, xml, outcome) = !HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType
            ? Fail(new StsError("InvalidAction", 400, "Expected a form POST (application/x-www-form-urlencoded)."), requestId)
            : form.GetValueOrDefault("Version") != "2011-06-15" || action is not ("AssumeRoleWithWebIdentity" or "AssumeRole")
                ? Fail(new StsError("InvalidAction", 400, $"Could not find operation {action} for version {form.GetValueOrDefault("Version")}"), requestId)
                : action == "AssumeRole"
                    ? assumeRole.Process(context.Request, body, form, requestId)
                    : ProcessWebIdentity(form, requestId);
        counters.Record("sts." + (action is "AssumeRoleWithWebIdentity" or "AssumeRole" ? action : "AssumeRoleWithWebIdentity"), outcome);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(xml, context.RequestAborted);
    }

    private (int Status, string Body, string Outcome) ProcessWebIdentity(Dictionary<string, StringValues> form, string requestId)
    {

        var roleArn = form.GetValueOrDefault("RoleArn").ToString();
        var sessionName = form.GetValueOrDefault("RoleSessionName").ToString();
        var token = form.GetValueOrDefault("WebIdentityToken").ToString();
        var durationText = form.GetValueOrDefault("DurationSeconds").ToString();
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
