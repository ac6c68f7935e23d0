using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecretBroker.Emulators.Oidc;

/// <summary>Why a web identity token was refused; each maps to a wire error in the service that validates.</summary>
public enum JwtFailure
{
    None,
    Malformed,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
}

/// <summary>The claims a validated token carries that the emulators use (<paramref name="Id"/> is its <c>jti</c>, when present).</summary>
public sealed record ValidatedToken(string Subject, string Issuer, IReadOnlyList<string> Audiences, DateTimeOffset Expires, string? Id = null);

/// <summary>RS256 verification against the issuer's key, then iss, aud, exp and nbf against the injected clock.</summary>
public sealed class JwtValidator(OidcIssuer issuer, TimeProvider time)
{
    public JwtFailure Validate(string token, string requiredAudience, out ValidatedToken? result, out string message)
    {
        ArgumentNullException.ThrowIfNull(token);
        result = null;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            message = "The web identity token is not a JWT.";
            return JwtFailure.Malformed;
        }

        var headerBytes = Base64Url.TryDecode(parts[0]);
        var payloadBytes = Base64Url.TryDecode(parts[1]);
        var signature = Base64Url.TryDecode(parts[2]);
        if (headerBytes is null || payloadBytes is null || signature is null)
        {
            message = "The web identity token is not valid base64url.";
            return JwtFailure.Malformed;
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                message = "Unsupported token signing algorithm.";
                return JwtFailure.Malformed;
            }

            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!issuer.PublicKey.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                message = "Token signature could not be verified with the OIDC provider's keys.";
                return JwtFailure.BadSignature;
            }

            using var payload = JsonDocument.Parse(payloadBytes);
            var root = payload.RootElement;
            var iss = root.TryGetProperty("iss", out var i) ? i.GetString() : null;
            if (iss != issuer.Issuer)
            {
                message = "No OpenIDConnect provider found in your account for " + iss;
                return JwtFailure.WrongIssuer;
            }

            var audiences = new List<string>();
            if (root.TryGetProperty("aud", out var aud))
            {
                if (aud.ValueKind == JsonValueKind.Array)
                {
                    audiences.AddRange(aud.EnumerateArray().Select(a => a.GetString() ?? string.Empty));
                }
                else if (aud.ValueKind == JsonValueKind.String)
                {
                    audiences.Add(aud.GetString()!);
                }
            }

            if (!audiences.Contains(requiredAudience, StringComparer.Ordinal))
            {
                message = "Incorrect token audience";
                return JwtFailure.WrongAudience;
            }

            var now = time.GetUtcNow();
            var exp = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            if (now >= exp)
            {
                message = "Token expired: current date/time must be before the expiration date/time.";
                return JwtFailure.Expired;
            }

            if (root.TryGetProperty("nbf", out var nbf) && now < DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()))
            {
                message = "Token is not yet valid.";
                return JwtFailure.NotYetValid;
            }

            var sub = root.TryGetProperty("sub", out var s) ? s.GetString() ?? string.Empty : string.Empty;
            var jti = root.TryGetProperty("jti", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
            result = new ValidatedToken(sub, iss!, audiences, exp, jti);
            message = string.Empty;
            return JwtFailure.None;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            message = "The web identity token's claims could not be read.";
            return JwtFailure.Malformed;
        }
    }
}
