using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// Entra's check of a federated client assertion, in its order: the app's federated credential found by the
/// assertion's issuer (AADSTS700211), subject (700213) and audience (70021) — read before verification, since the
/// record says whose keys to fetch — then the RS256 signature against the OIDC issuer's key, its JWKS (50013), and
/// the assertion's time range (700024).
/// </summary>
internal sealed class FederatedAssertionCheck(Func<string> localIssuer, JwtValidator validator, TimeProvider time)
{
    private const string Guide = "Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation";

    /// <summary>Null when the assertion is accepted for one of <paramref name="records"/>; otherwise Entra's refusal.</summary>
    public EntraError? Check(IReadOnlyList<FederatedCredential> records, string assertion)
    {
        if (AssertionClaims.TryRead(assertion) is not { } claims)
        {
            return Refuse(50027, "JWT token is invalid or malformed.");
        }

        var issuer = localIssuer();
        var byIssuer = records.Where(r => (r.Issuer ?? issuer) == claims.Issuer).ToList();
        if (byIssuer.Count == 0)
        {
            return Refuse(700211, $"No matching federated identity record found for presented assertion issuer '{claims.Issuer}'. {Guide}");
        }

        var bySubject = byIssuer.Where(r => r.Subject == claims.Subject).ToList();
        if (bySubject.Count == 0)
        {
            return Refuse(700213, $"No matching federated identity record found for presented assertion subject '{claims.Subject}'. {Guide}");
        }

        var record = bySubject.FirstOrDefault(r => claims.Audiences.Contains(r.Audience, StringComparer.Ordinal));
        if (record is null)
        {
            return Refuse(70021, $"No matching federated identity record found for presented assertion. Assertion Issuer: '{claims.Issuer}'. Assertion Subject: '{claims.Subject}'. Assertion Audience: '{string.Join(",", claims.Audiences)}'. {Guide}");
        }

        return validator.Validate(assertion, record.Audience, out _, out _) switch
        {
            JwtFailure.None => null,
            JwtFailure.Expired or JwtFailure.NotYetValid =>
                Refuse(700024, $"Client assertion is not within its valid time range. Current time: {time.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}."),
            JwtFailure.Malformed => Refuse(50027, "JWT token is invalid or malformed."),
            _ => Refuse(50013, $"Assertion failed signature validation. [Reason - The key was not found., Please visit the issuer's jwks_uri to verify the key: '{claims.Issuer}/openid/v1/jwks']."),
        };
    }

    private static EntraError Refuse(int code, string message) => new(400, "invalid_client", code, message);
}
