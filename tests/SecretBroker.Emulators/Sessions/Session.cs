namespace SecretBroker.Emulators.Sessions;

/// <summary>
/// Temporary credentials the emulators issued (STS or the Pod Identity agent). <see cref="IssuedAt"/> and
/// <see cref="TokenId"/> (the <c>jti</c> of the projected token presented for them) let tests tell which exchange
/// used which token and when.
/// </summary>
public sealed record Session(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string IssuedBy,
    string Subject,
    string? RoleArn,
    string? AssumedRoleArn)
{
    /// <summary>When the session was issued, on the cloud's clock.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>The <c>jti</c> of the web identity (or agent) token exchanged for this session; null when none was presented.</summary>
    public string? TokenId { get; init; }

    /// <summary>AssumeRole: the scope-down session policy the caller passed; null when none.</summary>
    public string? Policy { get; init; }

    /// <summary>AssumeRole: the session tags the caller passed (empty when none).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
