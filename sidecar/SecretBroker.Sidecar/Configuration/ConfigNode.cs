namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// A node of a parsed config document with the line it starts on. Our own tree (rather than YamlDotNet's
/// representation model) keeps duplicate keys, so they can be reported with their full key path.
/// </summary>
internal abstract class ConfigNode(int line)
{
    public int Line { get; } = line;

    /// <summary>"a mapping", "a list" or "a value": for messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="Value"/> is <see langword="null"/> for YAML's null (empty, <c>~</c>, unquoted <c>null</c>).</summary>
internal sealed class ConfigScalar(int line, string? value) : ConfigNode(line)
{
    public string? Value { get; } = value;

    public override string KindName => "a value";
}

/// <summary>A mapping, entries in document order, duplicates kept.</summary>
internal sealed class ConfigMapping(int line, IReadOnlyList<KeyValuePair<ConfigScalar, ConfigNode>> entries) : ConfigNode(line)
{
    public IReadOnlyList<KeyValuePair<ConfigScalar, ConfigNode>> Entries { get; } = entries;

    public override string KindName => "a mapping";
}

/// <summary>A sequence.</summary>
internal sealed class ConfigSequence(int line, IReadOnlyList<ConfigNode> items) : ConfigNode(line)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override string KindName => "a list";
}
