namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// One federated identity credential on an app registration: the assertion's <c>iss</c>, <c>sub</c> and <c>aud</c>
/// must all equal these (Entra compares exactly, case-sensitively). A null <paramref name="Issuer"/> means the local
/// cloud's OIDC issuer, whose URL is known only once its listener has a port.
/// </summary>
public sealed record FederatedCredential(string? Issuer, string Subject, string Audience = EntraOptions.AssertionAudience);
