namespace SecretBroker.Settings;

/// <summary>
/// A node of a settings document (the sidecar's YAML or JSON file, or an <c>IConfigurationSection</c>) with the line it
/// starts on (0 when the source has no lines). Our own tree keeps duplicate keys, so they can be reported with their
/// full key path, and lets both front doors share one reader.
/// </summary>
public abstract class SettingsNode
{
    /// <summary>Creates a node starting on <paramref name="line"/>.</summary>
    /// <param name="line">1-based line, or 0 when the source has none.</param>
    protected SettingsNode(int line)
    {
        Line = line;
    }

    /// <summary>1-based line the node starts on; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>"a mapping", "a list" or "a value": for messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="Value"/> is <see langword="null"/> for an explicit null (YAML's empty, <c>~</c>, <c>null</c>).</summary>
/// <param name="line">1-based line, or 0.</param>
/// <param name="value">The text as written.</param>
public sealed class SettingsScalar(int line, string? value) : SettingsNode(line)
{
    /// <summary>The text as written; <see langword="null"/> for an explicit null.</summary>
    public string? Value { get; } = value;

    /// <inheritdoc/>
    public override string KindName => "a value";
}

/// <summary>A mapping, entries in document order, duplicates kept.</summary>
/// <param name="line">1-based line, or 0.</param>
/// <param name="entries">Key and value of each entry; each key a scalar with its own line.</param>
public sealed class SettingsMapping(int line, IReadOnlyList<KeyValuePair<SettingsScalar, SettingsNode>> entries) : SettingsNode(line)
{
    /// <summary>The entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<SettingsScalar, SettingsNode>> Entries { get; } = entries;

    /// <inheritdoc/>
    public override string KindName => "a mapping";
}

/// <summary>A list.</summary>
/// <param name="line">1-based line, or 0.</param>
/// <param name="items">The items in document order.</param>
public sealed class SettingsSequence(int line, IReadOnlyList<SettingsNode> items) : SettingsNode(line)
{
    /// <summary>The items in document order.</summary>
    public IReadOnlyList<SettingsNode> Items { get; } = items;

    /// <inheritdoc/>
    public override string KindName => "a list";
}
