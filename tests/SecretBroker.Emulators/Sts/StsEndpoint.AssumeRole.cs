using System.Globalization;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Sts;

/// <summary>
/// <c>AssumeRole</c> (protocols.md §11): role chaining from credentials this cloud issued. The request must be SigV4
/// signed (service <c>sts</c>) with an unexpired session; the caller's role must be trusted by the target role
/// (<see cref="StsOptions.AssumeRoleTrust"/>); a chained session lasts at most 1 h; <c>Policy</c> is at most 2048
/// characters; up to 50 <c>Tags.member.N</c> (key ≤ 128, value ≤ 256). The issued session records its caller, policy
/// and tags, for tests to read.
/// </summary>
internal sealed partial class StsEndpoint
{
    private static readonly TimeSpan ChainedSessionLimit = TimeSpan.FromHours(1);

    private async Task<(int Status, string Body, string Outcome)> AssumeRoleAsync(HttpContext context, byte[] body, string requestId)
    {
        if (signatures is null)
        {
            return Fail(new StsError("InvalidAction", 400, "AssumeRole is not enabled on this emulator."), requestId);
        }

        if (signatures.Verify(context.Request, body, out var caller) is { } signatureError)
        {
            return Fail(new StsError(signatureError.Code, signatureError.Status, signatureError.Message), requestId);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["Version"] != "2011-06-15")
        {
            return Fail(new StsError("InvalidAction", 400, $"Could not find operation AssumeRole for version {form["Version"]}"), requestId);
        }

        var roleArn = form["RoleArn"].ToString();
        var sessionName = form["RoleSessionName"].ToString();
        var policy = form["Policy"].ToString();
        var durationText = form["DurationSeconds"].ToString();
        if (roleArn.Length is < 20 or > 2048)
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048"), requestId);
        }

        if (sessionName.Length is < 2 or > 64 || !SessionNamePattern().IsMatch(sessionName))
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and length 2-64"), requestId);
        }

        if (policy.Length > 2048)
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"), requestId);
        }

        var lifetime = ChainedSessionLimit;
        if (durationText.Length > 0)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 900 or > 43200)
            {
                return Fail(StsError.Validation("1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200"), requestId);
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        // Every caller here holds a role session (IRSA, Pod Identity, or an earlier AssumeRole), so this is chaining.
        if (lifetime > ChainedSessionLimit)
        {
            return Fail(StsError.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."), requestId);
        }

        if (ReadTags(form) is not { } tags)
        {
            return Fail(StsError.Validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: at most 50 tags, keys of 1-128 and values of 0-256 characters"), requestId);
        }

        var callerArn = caller!.AssumedRoleArn ?? caller.RoleArn ?? caller.AccessKeyId;
        if (!options.AssumeRoleTrust.TryGetValue(roleArn, out var trusted) || caller.RoleArn is null || !trusted.Contains(caller.RoleArn))
        {
            return Fail(new StsError("AccessDenied", 403, $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}"), requestId);
        }

        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var assumedRoleArn = $"arn:aws:sts::{roleArn.Split(':')[4]}:assumed-role/{roleName}/{sessionName}";
        var session = sessions.Issue("sts", callerArn, options.AssumeRoleSessionLifetime ?? lifetime, roleArn, assumedRoleArn) with
        {
            Policy = policy.Length > 0 ? policy : null,
            Tags = tags,
        };
        sessions.Add(session);
        var assumedRoleId = $"AROAEMULATOR{roleName.Length:D8}:{sessionName}";
        return (200, StsXml.AssumeRoleSuccess(session, assumedRoleId, packedPolicySize: policy.Length > 0 ? 6 : 0, requestId), "ok");
    }

    /// <summary>The <c>Tags.member.N.Key/Value</c> pairs, or <see langword="null"/> when they break STS's limits.</summary>
    private static Dictionary<string, string>? ReadTags(IFormCollection form)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; form.ContainsKey($"Tags.member.{i}.Key"); i++)
        {
            var key = form[$"Tags.member.{i}.Key"].ToString();
            var value = form[$"Tags.member.{i}.Value"].ToString();
            if (i > 50 || key.Length is < 1 or > 128 || value.Length > 256 || !tags.TryAdd(key, value))
            {
                return null;
            }
        }

        return tags;
    }
}
