namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// One token request Entra answered (after the faults): when, the client id, the <c>jti</c> and subject of the client
/// assertion presented (empty when absent or unreadable), the outcome (<c>ok</c> or <c>AADSTS&lt;code&gt;</c>) and the
/// access token issued (null when refused). Tests tell from <see cref="AssertionId"/> which projected token a client
/// read, and scan their logs for <see cref="AccessToken"/>.
/// </summary>
public sealed record EntraTokenRequest(
    DateTimeOffset At,
    string ClientId,
    string AssertionId,
    string AssertionSubject,
    string Outcome,
    string? AccessToken);
