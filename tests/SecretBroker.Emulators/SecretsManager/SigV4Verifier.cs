using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.SecretsManager;

/// <summary>
/// Verifies AWS Signature Version 4 as protocols.md §2 describes, over the request's own SignedHeaders,
/// so the .NET signer's and botocore's header sets both verify. The secret key comes from the session
/// registry; the session token must match the session and the session must not have expired. S3 (and only S3) may
/// declare <c>UNSIGNED-PAYLOAD</c> as the payload hash, which is then signed as written.
/// </summary>
public sealed class SigV4Verifier(SessionRegistry sessions, TimeProvider time, string service, bool allowUnsignedPayload = false)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public AwsJsonError? Verify(HttpRequest request, byte[] body, out Session? session)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        session = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return new("MissingAuthenticationTokenException", 400, "Missing Authentication Token");
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return Incomplete($"Unsupported authorization type; expected {Algorithm}.");
        }

        var fields = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) ||
            !fields.TryGetValue("SignedHeaders", out var signedHeadersText) ||
            !fields.TryGetValue("Signature", out var signature))
        {
            return Incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return Incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/aws4_request.");
        }

        var (accessKeyId, scopeDate, region, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0)
        {
            return Incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return Incomplete("X-Amz-Date must be in ISO 8601 basic format (yyyyMMddTHHmmssZ).");
        }

        if (scopeService != service)
        {
            return Invalid($"Credential should be scoped to correct service: '{service}'.");
        }

        if (scopeDate != amzDate[..8])
        {
            return Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var now = time.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            return Invalid($"Signature expired: {amzDate} is now earlier or later than {now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'} by more than 15 min.");
        }

        var signedHeaders = signedHeadersText.Split(';');
        if (!signedHeaders.Contains("host"))
        {
            return Invalid("'Host' must be a signed header.");
        }

        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        bool unsignedPayload = allowUnsignedPayload && declaredHash == "UNSIGNED-PAYLOAD";
        if (declaredHash.Length > 0 && !unsignedPayload && !string.Equals(declaredHash, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var found = sessions.Find(accessKeyId);
        if (found is null)
        {
            return new("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
        }

        var token = request.Headers["X-Amz-Security-Token"].ToString();
        if (!FixedEquals(token, found.SessionToken))
        {
            return new("UnrecognizedClientException", 400, "The security token included in the request is invalid.");
        }

        if (now >= found.Expiration)
        {
            return new("ExpiredTokenException", 400, "The security token included in the request is expired");
        }

        var canonicalRequest = CanonicalRequest(request, signedHeaders, signedHeadersText, declaredHash.Length > 0 ? declaredHash : bodyHash);
        var credentialScope = $"{scopeDate}/{region}/{scopeService}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + found.SecretAccessKey), scopeDate);
        key = Hmac(key, region);
        key = Hmac(key, scopeService);
        key = Hmac(key, "aws4_request");
        var expected = Convert.ToHexStringLower(Hmac(key, stringToSign));
        if (!FixedEquals(expected, signature))
        {
            return Invalid("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        session = found;
        return null;
    }

    internal static string CanonicalRequest(HttpRequest request, string[] signedHeaders, string signedHeadersText, string payloadHash)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var rawQuery = q < 0 ? string.Empty : rawTarget[(q + 1)..];

        var path = string.Join('/', rawPath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s))));
        var query = string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0])), Value: p.Length > 1 ? Encode(Uri.UnescapeDataString(p[1].Replace('+', ' '))) : string.Empty))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n').Append(path.Length == 0 ? "/" : path).Append('\n').Append(query).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = name == "host" ? request.Host.Value ?? string.Empty : string.Join(',', request.Headers[name].Select(v => CollapseSpaces(v ?? string.Empty)));
            builder.Append(name).Append(':').Append(values.Trim()).Append('\n');
        }

        builder.Append('\n').Append(signedHeadersText).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    private static string Encode(string s) => Uri.EscapeDataString(s); // RFC 3986 unreserved characters kept

    private static string CollapseSpaces(string v) => string.Join(' ', v.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static AwsJsonError Incomplete(string message) => new("IncompleteSignature", 400, message);

    private static AwsJsonError Invalid(string message) => new("InvalidSignatureException", 400, message);
}
