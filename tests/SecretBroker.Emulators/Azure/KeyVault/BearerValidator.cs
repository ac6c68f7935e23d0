using System.Text.Json;
using SecretBroker.Emulators.Azure.Entra;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>
/// Checks the <c>Authorization: Bearer</c> token of a vault request: signed by the emulated Entra, audience Key Vault's
/// (<c>https://vault.azure.net</c>, with or without the trailing slash), issued by the vault's tenant (<c>tid</c> and
/// <c>iss</c>), inside <c>nbf</c>..<c>exp</c>. Every refusal is a 401 with the challenge (the endpoint adds it), so a
/// client can re-authenticate.
/// </summary>
internal sealed class BearerValidator(AccessTokenAuthority authority, Func<string> tenantId, TimeProvider time)
{
    public const string Resource = "https://vault.azure.net";

    /// <summary>Null when the request may proceed; otherwise the 401 to answer.</summary>
    public KeyVaultError? Validate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return Unauthorized("AKV10000: Request is missing a Bearer or PoP token.", null);
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
        {
            return Unauthorized("AKV10001: Authorization header must use the Bearer scheme.", "InvalidAuthorizationScheme");
        }

        if (authority.ReadVerified(authorization["Bearer ".Length..].Trim()) is not { } claims)
        {
            return Unauthorized("AKV10016: Token signature could not be verified: it was not issued by this vault's Microsoft Entra authority.", "InvalidSignature");
        }

        var audience = String(claims, "aud");
        if (audience is not (Resource or Resource + "/"))
        {
            return Unauthorized($"AKV10022: Invalid audience. Expected {Resource}, found: {audience}.", "InvalidAudience");
        }

        var tenant = tenantId();
        var issuer = String(claims, "iss");
        if (!string.Equals(String(claims, "tid"), tenant, StringComparison.OrdinalIgnoreCase) || issuer != AccessTokenAuthority.IssuerFor(tenant))
        {
            return Unauthorized($"AKV10032: Invalid issuer. Expected one of {AccessTokenAuthority.IssuerFor(tenant)}, found {issuer}.", "InvalidIssuer");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || now >= exp.GetInt64())
        {
            return Unauthorized("AKV10013: Token expired: the bearer token's exp is in the past.", "TokenExpired");
        }

        if (claims.TryGetProperty("nbf", out var nbf) && nbf.ValueKind == JsonValueKind.Number && now < nbf.GetInt64())
        {
            return Unauthorized("AKV10014: Token is not yet valid: the bearer token's nbf is in the future.", "TokenNotYetValid");
        }

        return null;
    }

    private static KeyVaultError Unauthorized(string message, string? inner) => new(401, "Unauthorized", message, inner);

    private static string String(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
}
