using System.Globalization;

namespace SecretBroker.FileBackend.Internal;

/// <summary>
/// The version of a value that has none of its own: a keyed 64-bit hash of the bytes, stable for identical bytes under
/// one key. Keyed because versions are shown (logs, ETags, listings): an unkeyed hash of a short secret (a PIN) can be
/// reversed offline by trying every value, while without the key no guess can be checked.
/// </summary>
internal sealed class ContentVersion
{
    private readonly byte[] _key;

    /// <param name="key">16 bytes; copied.</param>
    public ContentVersion(ReadOnlySpan<byte> key)
    {
        if (key.Length != SipHash24.KeySize)
        {
            throw new ArgumentException(FileSecretErrors.VersionKeySize(key.Length), nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>A random key drawn once per process: versions agree within the process and change at a restart.</summary>
    public static ContentVersion ProcessWide { get; } = new(RandomKey.Create());

    /// <summary>Lowercase hex of the SipHash-2-4 of <paramref name="value"/> under the key (16 characters).</summary>
    public string Of(ReadOnlySpan<byte> value) => SipHash24.Hash(_key, value).ToString("x16", CultureInfo.InvariantCulture);
}
