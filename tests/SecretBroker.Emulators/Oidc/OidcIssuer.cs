using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Oidc;

/// <summary>
/// The cluster's service-account issuer: one RSA-2048 key generated at start, RS256 JWTs with the
/// Kubernetes claims (protocols.md §7), and the discovery document and JWKS that describe the key.
/// </summary>
public sealed class OidcIssuer : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly TimeProvider _time;

    public OidcIssuer(TimeProvider time, string keyId)
    {
        _time = time;
        KeyId = keyId;
    }

    /// <summary>The <c>iss</c> claim; set once the issuer's listener has a port.</summary>
    public string Issuer { get; set; } = "https://oidc.emulator.invalid";

    public string KeyId { get; }

    /// <summary>The public half, for verifiers in this process (STS, Pod Identity).</summary>
    public RSA PublicKey => _key;

    public string Mint(ServiceAccountTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray(request.Audiences.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["exp"] = now + (long)request.Lifetime.TotalSeconds,
            ["iat"] = now,
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = request.Namespace,
                ["pod"] = new JsonObject { ["name"] = request.PodName, ["uid"] = StableUid("pod", request.Namespace, request.PodName) },
                ["serviceaccount"] = new JsonObject { ["name"] = request.ServiceAccount, ["uid"] = StableUid("sa", request.Namespace, request.ServiceAccount) },
            },
            ["nbf"] = now,
            ["sub"] = request.Subject,
        };
        return Sign(claims, _key, KeyId);
    }

    /// <summary>Signs arbitrary claims with any key; tests use it to forge tokens the issuer never made.</summary>
    public static string Sign(JsonObject claims, RSA key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(key);
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "JWT" };
        var signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
                           Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    public JsonObject Jwks()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["alg"] = "RS256",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64Url.Encode(p.Modulus),
                ["e"] = Base64Url.Encode(p.Exponent),
            }),
        };
    }

    public JsonObject Discovery() => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer.TrimEnd('/') + "/openid/v1/jwks",
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    public void Dispose() => _key.Dispose();

    private static string StableUid(string kind, string ns, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{ns}/{name}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
