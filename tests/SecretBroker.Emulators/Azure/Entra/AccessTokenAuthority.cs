using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// Entra's signing key: mints the access tokens the token endpoint issues (RS256 JWTs with Entra's v1 claims:
/// <c>aud</c>, <c>iss</c> <c>https://sts.windows.net/&lt;tenant&gt;/</c>, <c>tid</c>, <c>appid</c>, <c>oid</c>,
/// <c>sub</c>, <c>iat</c>/<c>nbf</c>/<c>exp</c>) and verifies their signature for the Key Vault emulator.
/// Clients treat the token as opaque; only the vault reads it.
/// </summary>
public sealed class AccessTokenAuthority(TimeProvider time) : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    /// <summary>Entra's v1 issuer for a tenant (what Key Vault compares with).</summary>
    public static string IssuerFor(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>Mints an access token; tests call it directly to make tokens for another tenant or audience.</summary>
    public string Mint(string tenantId, string clientId, string audience, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var objectId = ObjectIdOf(clientId);
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = IssuerFor(tenantId),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["appid"] = clientId,
            ["appidacr"] = "2",
            ["idtyp"] = "app",
            ["oid"] = objectId,
            ["sub"] = objectId,
            ["tid"] = tenantId,
            ["ver"] = "1.0",
        };
        return OidcIssuer.Sign(claims, _key, "entra-emulator");
    }

    /// <summary>The claims of a token this authority signed, or null when it is not one (malformed or another key).</summary>
    public JsonElement? ReadVerified(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Base64Url.TryDecode(parts[1]) is not { } payload || Base64Url.TryDecode(parts[2]) is not { } signature)
        {
            return null;
        }

        if (!_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _key.Dispose();

    // The service principal's object id: stable per client id, as Entra's is.
    private static string ObjectIdOf(string clientId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("sp/" + clientId)).AsSpan(0, 16)).ToString();
}
