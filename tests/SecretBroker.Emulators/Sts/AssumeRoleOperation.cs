using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using SecretBroker.Emulators.SecretsManager;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Sts;

/// <summary>
/// <c>AssumeRole</c> (protocols.md §11): role chaining from credentials the emulators issued, SigV4-signed (service
/// <c>sts</c>). Checks the model constraints, the chain trust map (which roles may assume the target), the 1 h cap
/// of a chained session, the session policy (JSON, ≤ 2,048 packed characters) and session tags (≤ 50; key ≤ 128,
/// value ≤ 256; refused when the role does not allow <c>sts:TagSession</c>); the tags and policy are kept on the
/// issued session, where the admin API shows them.
/// </summary>
internal sealed partial class AssumeRoleOperation(StsOptions options, SigV4Verifier verifier, SessionRegistry sessions, string accountId)
{
    private static readonly TimeSpan ChainedMaximum = TimeSpan.FromHours(1);

    public (int Status, string Body, string Outcome) Process(HttpRequest request, byte[] body, IReadOnlyDictionary<string, StringValues> form, string requestId)
    {
        if (verifier.Verify(request, body, out Session? caller) is { } signature)
        {
            return Fail(FromSignatureFailure(signature), requestId);
        }

        string roleArn = form.GetValueOrDefault("RoleArn").ToString();
        string sessionName = form.GetValueOrDefault("RoleSessionName").ToString();
        string durationText = form.GetValueOrDefault("DurationSeconds").ToString();
        string? policy = form.TryGetValue("Policy", out StringValues p) ? p.ToString() : null;
        if (roleArn.Length is < 20 or > 2048)
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048"), requestId);
        }

        if (sessionName.Length is < 2 or > 64 || !SessionNamePattern().IsMatch(sessionName))
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and length 2-64"), requestId);
        }

        bool chained = caller!.RoleArn is not null;
        TimeSpan lifetime = chained ? ChainedMaximum : options.SessionLifetime;
        if (durationText.Length > 0)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds is < 900 or > 43200)
            {
                return Fail(StsError.Validation("1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200"), requestId);
            }

            if (chained && seconds > ChainedMaximum.TotalSeconds)
            {
                return Fail(StsError.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."), requestId);
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        // A test knob: seconds-long sessions, so a client's refresh ahead of expiry can be watched.
        lifetime = options.AssumeRoleSessionLifetime ?? lifetime;

        if (policy is not null && PolicyProblem(policy) is { } policyError)
        {
            return Fail(policyError, requestId);
        }

        if (Tags(form, out Dictionary<string, string> tags) is { } tagError)
        {
            return Fail(tagError, requestId);
        }

        string callerArn = caller.AssumedRoleArn ?? $"arn:aws:iam::{accountId}:user/{caller.Subject}";
        if (!options.AssumeRoleTrust.TryGetValue(roleArn, out HashSet<string>? trusted) || caller.RoleArn is null || !trusted.Contains(caller.RoleArn)
            || (tags.Count > 0 && options.TagSessionDenied.Contains(roleArn)))
        {
            string action = tags.Count > 0 && options.TagSessionDenied.Contains(roleArn) ? "sts:TagSession" : "sts:AssumeRole";
            return Fail(new StsError("AccessDenied", 403, $"User: {callerArn} is not authorized to perform: {action} on resource: {roleArn}"), requestId);
        }

        string roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        Session issued = sessions.Issue("sts", callerArn, lifetime, roleArn, $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}") with
        {
            Tags = tags,
            Policy = policy,
            SourceAccessKeyId = caller.AccessKeyId,
        };
        sessions.Add(issued);
        int? packed = policy is null && tags.Count == 0 ? null : Math.Min(100, ((policy?.Length ?? 0) + (tags.Count * 64)) * 100 / 2048);
        return (200, StsXml.AssumeRoleSuccess(issued, $"AROAEMULATOR{roleName.Length:D8}:{sessionName}", packed, requestId), "ok");
    }

    private static StsError? PolicyProblem(string policy)
    {
        if (policy.Length > 2048)
        {
            return new StsError("PackedPolicyTooLarge", 400, "Packed size of the policy consumes more than 100% of the allowed space (2048 characters).");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(policy);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : new StsError("MalformedPolicyDocument", 400, "The policy is not a JSON object.");
        }
        catch (JsonException)
        {
            return new StsError("MalformedPolicyDocument", 400, "The policy is not valid JSON.");
        }
    }

    private static StsError? Tags(IReadOnlyDictionary<string, StringValues> form, out Dictionary<string, string> tags)
    {
        tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int n = 1; form.TryGetValue($"Tags.member.{n}.Key", out StringValues key); n++)
        {
            string value = form.GetValueOrDefault($"Tags.member.{n}.Value").ToString();
            if (key.ToString().Length is < 1 or > 128 || value.Length > 256)
            {
                return StsError.Validation($"1 validation error detected: Value at 'tags.{n}.member' failed to satisfy constraint: key length 1-128, value length 0-256");
            }

            if (!tags.TryAdd(key.ToString(), value))
            {
                return new StsError("InvalidParameterValue", 400, $"Duplicate tag key '{key}'.");
            }
        }

        return tags.Count > 50
            ? StsError.Validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")
            : null;
    }

    /// <summary>STS's words for SigV4 failures (the shared verifier speaks Secrets Manager's).</summary>
    private static StsError FromSignatureFailure(AwsJsonError error) => error.Code switch
    {
        "MissingAuthenticationTokenException" => new("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
        "IncompleteSignature" => new("IncompleteSignature", 400, error.Message),
        "InvalidClientTokenId" => new("InvalidClientTokenId", 403, error.Message),
        "UnrecognizedClientException" => new("InvalidClientTokenId", 403, error.Message),
        "ExpiredTokenException" => new("ExpiredToken", 403, "The security token included in the request is expired"),
        _ => new("SignatureDoesNotMatch", 403, error.Message),
    };

    private static (int, string, string) Fail(StsError error, string requestId) => (error.Status, StsXml.Error(error, requestId), error.Code);

    [GeneratedRegex(@"^[\w+=,.@-]*$")]
    private static partial Regex SessionNamePattern();
}
