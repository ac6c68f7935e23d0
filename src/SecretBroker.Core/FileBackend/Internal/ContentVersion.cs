using System.Globalization;
using System.IO.Hashing;

namespace SecretBroker.FileBackend.Internal;

/// <summary>The version of a value that has none of its own: a short content hash, stable for identical bytes.</summary>
/// <remarks>
/// A change detector, not a security boundary (whoever can alter the bytes owns the secret anyway), so a fast
/// non-cryptographic 64-bit hash serves; it also keeps OpenSSL out of a sidecar that talks to no network backend.
/// </remarks>
internal static class ContentVersion
{
    /// <summary>Lowercase hex of the 64-bit XXH3 hash of <paramref name="value"/> (16 characters).</summary>
    public static string Of(ReadOnlySpan<byte> value) => XxHash3.HashToUInt64(value).ToString("x16", CultureInfo.InvariantCulture);
}
