namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// One validated <c>credentials.NAME</c> entry: a named set of AWS credentials the loopback listener serves at
/// <c>GET /v1/credentials/aws/NAME</c>. Sidecar-only: the library's <c>AddSecretBroker(section)</c> ignores the section.
/// </summary>
/// <param name="Name">The set's name (secret-name rules): the last segment of its route.</param>
internal abstract record CredentialSetSettings(string Name);

/// <summary><c>type: secret</c>: a configured secret holding <c>{AccessKeyId, SecretAccessKey, SessionToken?, Expiration?}</c>.</summary>
/// <param name="Name">The set's name.</param>
/// <param name="Secret">The configured secret (its name) whose value is the access-key JSON.</param>
/// <param name="AllowLongTermKeys">Serve keys without a session token (refused with 503 otherwise).</param>
internal sealed record SecretCredentialSetSettings(string Name, string Secret, bool AllowLongTermKeys) : CredentialSetSettings(Name);

/// <summary>
/// <c>type: aws-assume-role</c>: the identity of an <c>aws-secrets-manager</c> backend chained into a model-store
/// role with <c>sts:AssumeRole</c>.
/// </summary>
/// <param name="Name">The set's name.</param>
/// <param name="Backend">The aws-secrets-manager backend whose identity signs the AssumeRole call.</param>
/// <param name="RoleArn">The role to assume.</param>
/// <param name="SessionName">The role session name (2–64 characters of <c>[\w+=,.@-]</c>).</param>
/// <param name="Duration">The session's lifetime (15 min to 1 h: a chained role session lasts at most 1 h).</param>
/// <param name="Policy">An optional scope-down session policy (JSON, at most 2048 characters).</param>
internal sealed record AssumeRoleCredentialSetSettings(string Name, string Backend, string RoleArn, string SessionName, TimeSpan Duration, string? Policy)
    : CredentialSetSettings(Name)
{
    /// <summary>The account of <see cref="RoleArn"/> (its fifth field): the <c>AccountId</c> the route answers.</summary>
    public string AccountId => RoleArn.Split(':')[4];
}
