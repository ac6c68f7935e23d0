using System.Diagnostics.CodeAnalysis;

namespace SecretBroker.Backends;

/// <summary>The outcome of fetching one secret: a value, or the error that prevented it.</summary>
public sealed class SecretFetchResult
{
    private SecretFetchResult(string name, ReadOnlyMemory<byte> value, string? version, SecretLease? lease, string? contentType, SecretBackendException? error)
    {
        Name = name;
        Value = value;
        Version = version;
        Lease = lease;
        ContentType = contentType;
        Error = error;
    }

    /// <summary>The secret's <see cref="SecretDefinition.Name"/>.</summary>
    public string Name { get; }

    /// <summary>The value's bytes (empty on failure). Never log it.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The backend's version of the value; never <see langword="null"/> on success.</summary>
    public string? Version { get; }

    /// <summary>The lease, for dynamic secrets.</summary>
    public SecretLease? Lease { get; }

    /// <summary>
    /// The media type the backend stores with the value (Key Vault's <c>contentType</c>), passed through to consumers
    /// as given; <see langword="null"/> when the backend has none.
    /// </summary>
    public string? ContentType { get; }

    /// <summary>Why the fetch failed; <see langword="null"/> on success.</summary>
    public SecretBackendException? Error { get; }

    /// <summary>Whether a value was fetched.</summary>
    [MemberNotNullWhen(true, nameof(Version))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A fetched value.</summary>
    /// <param name="name">The secret's <see cref="SecretDefinition.Name"/>.</param>
    /// <param name="value">The value's bytes.</param>
    /// <param name="version">The backend's version of the value.</param>
    /// <param name="lease">The lease, for dynamic secrets.</param>
    /// <param name="contentType">The media type stored with the value, if the backend has one (see <see cref="ContentType"/>).</param>
    public static SecretFetchResult Success(string name, ReadOnlyMemory<byte> value, string version, SecretLease? lease = null, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        return new SecretFetchResult(name, value, version, lease, string.IsNullOrEmpty(contentType) ? null : contentType, null);
    }

    /// <summary>A secret that could not be fetched.</summary>
    public static SecretFetchResult Failure(string name, SecretBackendException error)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(error);
        return new SecretFetchResult(name, ReadOnlyMemory<byte>.Empty, null, null, null, error);
    }
}
