namespace SecretBroker.Emulators.HuggingFace;

/// <summary>One access token the exchange issued: whom for, which resource, until when, and the <c>jti</c> of the projected token presented.</summary>
public sealed record IssuedHubToken(string AccessToken, string Subject, string Resource, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? SubjectTokenId);
