using System.Security.Cryptography;
using System.Text;

namespace DirectAzure;

/// <summary>What the sample shows instead of a token: never the value, only a short hash to see that it changed.</summary>
public static class TokenFingerprint
{
    public static string Of(string? token) =>
        token is null ? "none" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];
}
