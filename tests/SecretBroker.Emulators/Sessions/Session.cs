namespace SecretBroker.Emulators.Sessions;

/// <summary>Temporary credentials the emulators issued (STS or the Pod Identity agent).</summary>
public sealed record Session(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string IssuedBy,
    string Subject,
    string? RoleArn,
    string? AssumedRoleArn);
