namespace SecretBroker.Settings;

/// <summary>One validated <c>secrets[]</c> item: its definition and the socket allow lists written with it.</summary>
/// <param name="Definition">What to fetch and how often.</param>
public sealed record ConfiguredSecret(SecretDefinition Definition)
{
    /// <summary><c>allowUids</c>: uids allowed to read it over the sidecar's socket (empty: not narrowed). The library has no socket and ignores it.</summary>
    public IReadOnlyList<uint> AllowUids { get; init; } = [];

    /// <summary><c>allowGids</c>: gids allowed to read it over the sidecar's socket (empty: not narrowed).</summary>
    public IReadOnlyList<uint> AllowGids { get; init; } = [];

    /// <summary>Where each allow list was written (line, key path), for messages about them.</summary>
    public IReadOnlyList<KeyValuePair<int, string>> AllowListKeys { get; init; } = [];

    /// <summary><c>profile</c>: the consumer the sidecar lays the file out for. The library ignores it.</summary>
    public SecretProfile Profile { get; init; }

    /// <summary><c>format</c>: how the sidecar writes the file (default <see cref="SecretFileFormat.Raw"/>). The library ignores it.</summary>
    public SecretFileFormat Format { get; init; }
}
