namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// What the credentials route says, in one place. None quotes a secret's value: a problem names the set, the secret
/// and the JSON member at fault.
/// </summary>
internal static class CredentialsMessages
{
    public const string NotJson = "is not JSON";
    public const string NotAnObject = "is not a JSON object";
    public const string ExpirationNotATime = "has an Expiration that is not an ISO-8601 time";
    public const string AccountIdNotAnAccount = "has an AccountId that is not a 12-digit account";

    public static string MemberMissing(string member) => $"has no {member}";

    public static string MemberNotText(string member) => $"has a {member} that is not a non-empty string";

    public static string MemberHasControlCharacters(string member) => $"has a {member} holding control characters";

    public static string Unauthorized =>
        "Authorization must be the contents of the aws-credentials-token file in the sidecar's files directory "
        + "(set AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE to its path).";

    public static string UnknownSet(string name) => $"No credential set is named '{name}'.";

    public static string NotLoaded(string name, string secret) =>
        $"Credential set '{name}': secret '{secret}' has not been loaded yet.";

    public static string InvalidKeys(string name, string secret, string problem) =>
        $"Credential set '{name}': secret '{secret}' does not hold AWS access-key JSON ({{AccessKeyId, SecretAccessKey, SessionToken}}): it {problem}.";

    public static string LongTermKeys(string name, string secret) =>
        $"Credential set '{name}': secret '{secret}' holds long-term keys (no SessionToken); they are served only with allowLongTermKeys: true.";

    public static string Expired(string name, string secret) =>
        $"Credential set '{name}': the keys in secret '{secret}' have expired; waiting for the secret's next refresh.";

    public static string NoSessionYet(string name) =>
        $"Credential set '{name}': sts:AssumeRole has not answered yet.";

    public static string SessionExpired(string name) =>
        $"Credential set '{name}': the session expired and sts:AssumeRole has not answered since.";
}
