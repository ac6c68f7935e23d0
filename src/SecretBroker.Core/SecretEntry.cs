namespace SecretBroker;

/// <summary>One secret as it stands in a <see cref="SecretGeneration"/>: the last good value and its freshness.</summary>
public sealed class SecretEntry
{
    /// <summary>Creates an entry.</summary>
    public SecretEntry(string name, ReadOnlyMemory<byte> value, string version, DateTimeOffset updatedAt, DateTimeOffset fetchedAt, bool stale)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        Name = name;
        Value = value;
        Version = version;
        UpdatedAt = updatedAt;
        FetchedAt = fetchedAt;
        Stale = stale;
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

    /// <summary>Returns a copy with a different stale flag.</summary>
    public SecretEntry WithStale(bool stale) => stale == Stale ? this : new SecretEntry(Name, Value, Version, UpdatedAt, FetchedAt, stale);
}
