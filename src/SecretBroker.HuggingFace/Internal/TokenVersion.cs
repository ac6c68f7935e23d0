using System.Security.Cryptography;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>
/// The version of an access token: a keyed hash (HMAC-SHA-256, first 8 bytes as 16 hex digits) under the host's version
/// key when it supplies one, else a random key per backend. The Hub's tokens carry no version of their own; without
/// the key, a version lets no one test guesses against a token.
/// </summary>
internal sealed class TokenVersion(Func<ReadOnlyMemory<byte>>? hostKey)
{
    private byte[]? _key;

    public string Of(string token)
    {
        // The host's key is read at the first fetch (the sidecar keeps it in its output directory).
        byte[] key = _key ??= hostKey?.Invoke().ToArray() is { Length: > 0 } supplied ? supplied : RandomNumberGenerator.GetBytes(32);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
