using System.Security.Cryptography;
using System.Text;

namespace SecretBroker.Aws.Tests.Fakes;

/// <summary>
/// An independent SigV4 verifier (protocols.md §2): rebuilds the canonical request from what was sent, the string to
/// sign and the HMAC chain, and compares with the <c>Authorization</c> header. Written without AWSSDK so that a signing
/// bug in the product fails a test.
/// </summary>
internal static class SigV4Verifier
{
    public static bool Verify(RecordedRequest request, string secretKey, out string reason)
    {
        string authorization = request.Header("Authorization") ?? string.Empty;
        const string Algorithm = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            reason = "no AWS4-HMAC-SHA256 Authorization header";
            return false;
        }

        Dictionary<string, string> parts = authorization[Algorithm.Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(static p => p.Split('=', 2))
            .ToDictionary(static p => p[0], static p => p[1], StringComparer.Ordinal);
        string[] credential = parts["Credential"].Split('/');
        string date = credential[1], region = credential[2], service = credential[3];
        string[] signedHeaders = parts["SignedHeaders"].Split(';');
        string amzDate = request.Header("X-Amz-Date") ?? string.Empty;

        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n');
        canonical.Append(string.Join('/', request.Uri.AbsolutePath.Split('/').Select(Uri.EscapeDataString))).Append('\n');
        canonical.Append(CanonicalQuery(request.Uri.Query)).Append('\n');
        foreach (string name in signedHeaders)
        {
            string value = name == "host" ? request.Header("Host") ?? request.Uri.Authority : request.Header(name) ?? string.Empty;
            canonical.Append(name).Append(':').Append(string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        canonical.Append('\n').Append(parts["SignedHeaders"]).Append('\n');
        canonical.Append(request.Header("X-Amz-Content-SHA256") ?? Hex(SHA256.HashData(request.Body)));

        string scope = $"{date}/{region}/{service}/aws4_request";
        string stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        byte[] key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        string expected = Hex(Hmac(key, stringToSign));

        // The payload hash the signer declared must be the body actually sent.
        string? declared = request.Header("X-Amz-Content-SHA256");
        if (declared is not null && declared != Hex(SHA256.HashData(request.Body)))
        {
            reason = "X-Amz-Content-SHA256 does not match the body";
            return false;
        }

        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            reason = "credential scope date differs from X-Amz-Date";
            return false;
        }

        reason = expected == parts["Signature"] ? string.Empty : $"signature mismatch: expected {expected}, got {parts["Signature"]}";
        return reason.Length == 0;
    }

    private static string CanonicalQuery(string query) => string.Join('&', query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(static p => p.Split('=', 2))
        .Select(static p => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: p.Length > 1 ? Uri.EscapeDataString(Uri.UnescapeDataString(p[1])) : string.Empty))
        .OrderBy(static p => p.Key, StringComparer.Ordinal).ThenBy(static p => p.Value, StringComparer.Ordinal)
        .Select(static p => $"{p.Key}={p.Value}"));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
