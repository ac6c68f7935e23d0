using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// The token every credentials request must present as <c>Authorization</c>: 32 random bytes as 64 lowercase hex
/// characters, drawn once per start (so a restart revokes whatever a departed container kept). It reaches containers
/// only through <see cref="CredentialsTokenFile"/>; it is never logged.
/// </summary>
internal sealed class CredentialsToken
{
    private const int RandomBytes = 32;

    private readonly byte[] _value;

    private CredentialsToken(byte[] value)
    {
        _value = value;
    }

    /// <summary>The token's ASCII bytes (what the token file holds, with no newline).</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>A fresh token from the kernel's random source.</summary>
    public static CredentialsToken Create()
    {
        // /dev/urandom, as VersionKeyFile does: RandomNumberGenerator would load OpenSSL into a sidecar that needs none.
        byte[] random = new byte[RandomBytes];
        using (SafeFileHandle source = File.OpenHandle("/dev/urandom"))
        {
            int total = 0;
            while (total < RandomBytes)
            {
                int read = RandomAccess.Read(source, random.AsSpan(total), fileOffset: 0);
                if (read <= 0)
                {
                    throw new IOException("the kernel's random source returned no bytes");
                }

                total += read;
            }
        }

        return new CredentialsToken(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(random)));
    }

    /// <summary>
    /// Whether <paramref name="authorization"/> is exactly one header equal to the token, compared in constant time (a
    /// caller on the loopback must not learn the token a byte at a time from response timings).
    /// </summary>
    public bool Matches(StringValues authorization) =>
        authorization.Count == 1
        && authorization[0] is { } presented
        // The length is no secret (always 64); the content is compared without an early exit.
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _value);
}
