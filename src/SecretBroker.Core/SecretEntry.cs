namespace SecretBroker;

/// <summary>One secret as it stands in a <see cref="SecretGeneration"/>: the last good value and its freshness.</summary>
public sealed class SecretEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="value">The value's bytes.</param>
    /// <param name="version">The backend's version of the value.</param>
    /// <param name="updatedAt">When this version was first seen.</param>
    /// <param name="fetchedAt">When the backend last confirmed the value.</param>
    /// <param name="stale">Whether the backend is failing and this is the last good value.</param>
    /// <param name="contentType">The media type the backend stores with the value, if any.</param>
    public SecretEntry(string name, ReadOnlyMemory<byte> value, string version, DateTimeOffset updatedAt, DateTimeOffset fetchedAt, bool stale, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        Name = name;
        Value = value;
        Version = version;
        UpdatedAt = updatedAt;
        FetchedAt = fetchedAt;
        Stale = stale;
        ContentType = string.IsNullOrEmpty(contentType) ? null : contentType;
    }

    /// <summary>The secret's name.</summary>
    public string Name { get; }

    /// <summary>The value's bytes. Never log it.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The backend's version of <see cref="Value"/>.</summary>
    public string Version { get; }

    /// <summary>When this version was first seen (the last change).</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>When the backend last confirmed this value (fetch or probe).</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>Whether the backend is failing and this is the last good value being served.</summary>
    public bool Stale { get; }

    /// <summary>
    /// The media type the backend stores with this version (Key Vault's <c>contentType</c>, e.g. <c>application/json</c>),
    /// as the backend gave it; <see langword="null"/> when it has none. Describes the value; never part of it.
    /// </summary>
    public string? ContentType { get; }

    /// <summary>Returns a copy with a different stale flag.</summary>
    public SecretEntry WithStale(bool stale) => stale == Stale ? this : new SecretEntry(Name, Value, Version, UpdatedAt, FetchedAt, stale, ContentType);
}
