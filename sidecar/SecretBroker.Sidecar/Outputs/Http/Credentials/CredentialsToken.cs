using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

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
        // The kernel's random source, as for the version key: RandomNumberGenerator would load OpenSSL into a sidecar that needs none.
        byte[] random = new byte[RandomBytes];
        SecretBroker.FileBackend.Internal.RandomKey.Fill(random);

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
