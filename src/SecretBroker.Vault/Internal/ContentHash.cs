using System.Security.Cryptography;

namespace SecretBroker.Vault.Internal;

/// <summary>
/// The version of a value Vault does not version (KV v1, dynamic secrets): a keyed hash of the served bytes, so equal
/// bytes give equal versions while no offline guess of a short secret can be checked against a shown version.
/// </summary>
internal sealed class ContentHash(ReadOnlyMemory<byte> key)
{
    private readonly byte[] _key = key.Length > 0 ? key.ToArray() : RandomNumberGenerator.GetBytes(16);

    public string Of(ReadOnlySpan<byte> value)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, value, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
