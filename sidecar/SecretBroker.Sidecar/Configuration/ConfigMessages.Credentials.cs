namespace SecretBroker.Sidecar.Configuration;

/// <summary>Messages about the <c>credentials:</c> section.</summary>
internal static partial class ConfigMessages
{
    public const string CredentialsNeedHttp =
        "credential sets are served on outputs.http (GET /v1/credentials/aws/<name>), which is not configured";

    public const string CredentialsNeedFiles =
        "credential sets need outputs.files: the token their requests must present is written to <outputs.files.dir>/aws-credentials-token";

    public static string CredentialsTokenFileTaken(string fileName) =>
        $"a secret named '{fileName}' would be written over the credentials endpoint's token file; rename the secret";

    public static string InvalidCredentialSetName(string name) =>
        Invariant($"'{name}' is not a valid credential set name (pattern {SecretName.Pattern}, at most {SecretName.MaxLength} characters)");

    public static string UnknownCredentialType(string type) =>
        $"unknown credential set type '{type}' (expected secret or aws-assume-role)";

    public static string KeyNotForCredentialType(string type) => $"does not apply to a credential set of type '{type}'";

    public static string UnknownSecretReference(string secret, IEnumerable<string> known) =>
        $"'{secret}' does not name a configured secret (defined: {(known.Any() ? string.Join(", ", known) : "none")})";

    public static string NotAnAwsBackend(string backend, string type) =>
        $"backend '{backend}' is of type '{type}'; aws-assume-role chains from the identity of an aws-secrets-manager backend";

    public static string NotARoleArn(string text) =>
        $"'{text}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)";

    public static string NotASessionName(string text) =>
        $"'{text}' is not a role session name (2 to 64 characters: letters, digits and + = , . @ _ -)";

    public static string NotADuration(string text) => $"'{text}' is not a duration (e.g. 15m, 1h)";

    public static string SessionDurationOutOfRange(string text) =>
        $"'{text}' is outside 15m to 1h (a role session chained from another role lasts at most 1 hour)";

    public static string PolicyTooLong(int length, int maximum) =>
        Invariant($"the session policy is {length} characters; STS accepts at most {maximum}");

    public static string PolicyNotJson(string reason) => $"the session policy is not a JSON object: {reason}";

    public static string JsonPosition(long? line, long? bytePosition) =>
        Invariant($"not valid JSON (line {(line ?? 0) + 1}, byte {(bytePosition ?? 0) + 1})");
}
