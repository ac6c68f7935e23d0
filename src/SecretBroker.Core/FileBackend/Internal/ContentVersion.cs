using System.Security.Cryptography;

namespace SecretBroker.FileBackend.Internal;

/// <summary>The version of a value that has none of its own: a short content hash, stable for identical bytes.</summary>
internal static class ContentVersion
{
    /// <summary>Lowercase hex of the first 8 bytes of the SHA-256 of <paramref name="value"/> (16 characters).</summary>
    public static string Of(ReadOnlySpan<byte> value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(value, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
