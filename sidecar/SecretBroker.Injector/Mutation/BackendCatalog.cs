using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// The named backends a generated config may reference (<c>--backends FILE</c>, a YAML file holding only a
/// <c>backends:</c> map in the sidecar's schema). The platform team defines them once; pods name them in
/// <c>secret-&lt;name&gt;</c> annotations. Each backend's text is kept as written and copied verbatim into a generated
/// config that names it, and only then: a pod's config (readable in its annotation) never lists the vaults, regions
/// and client ids of backends it does not use. The sidecar validates the text; the injector only needs the names.
/// </summary>
internal sealed class BackendCatalog
{
    private readonly Dictionary<string, string> _entries;

    private BackendCatalog(IEnumerable<(string Name, string Text)> entries)
    {
        _entries = entries.ToDictionary(static e => e.Name, static e => e.Text, StringComparer.Ordinal);
    }

    /// <summary>No backends: only pods with a <c>config:</c> ConfigMap can be injected.</summary>
    public static BackendCatalog Empty { get; } = new([]);

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>
    /// A <c>backends:</c> document holding only <paramref name="names"/> (each once, in the order first named), every
    /// entry as the file wrote it.
    /// </summary>
    public string YamlFor(IEnumerable<string> names)
    {
        System.Text.StringBuilder yaml = new("backends:\n");
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            yaml.Append(_entries[name]);
        }

        return yaml.ToString();
    }

    /// <summary>For denials: which names exist.</summary>
    public string Describe() => _entries.Count == 0
        ? "none: start the injector with --backends, or use secretbroker.io/config"
        : "known: " + string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal));

    /// <summary>Parses the file's text; throws <see cref="FormatException"/> naming the problem.</summary>
    public static BackendCatalog Parse(string yaml, string source)
    {
        YamlStream stream = [];
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}:{e.Start.Line}: not YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{source}: expected one YAML document holding a 'backends:' map");
        }

        List<(string, string)> entries = [];
        foreach ((YamlNode key, YamlNode value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: "backends" })
            {
                throw new FormatException($"{source}:{key.Start.Line}: only 'backends:' belongs here (secrets come from pod annotations)");
            }

            if (value is not YamlMappingNode backends)
            {
                throw new FormatException($"{source}:{value.Start.Line}: backends: expected a map of named backends");
            }

            if (backends.Style == MappingStyle.Flow)
            {
                throw new FormatException($"{source}:{value.Start.Line}: backends: write one backend per line (a block map), not {{ … }}");
            }

            foreach ((YamlNode name, YamlNode backend) in backends.Children)
            {
                string text = (name as YamlScalarNode)?.Value ?? string.Empty;
                if (!Names.IsSecretName(text))
                {
                    throw new FormatException($"{source}:{name.Start.Line}: backends: '{text}' is not a backend name ([a-z0-9]([a-z0-9._-]*[a-z0-9])?)");
                }

                entries.Add((text, EntryText(yaml, name, backend)));
            }
        }

        return new BackendCatalog(entries);
    }

    // From the start of the name's line to the end of its value: the entry with its own indentation and inner comments.
    // In a block map each name starts its line, so the entries can be put together again in any selection. A block
    // value ends where the next name starts, so the comment lines above that name are cut off here (they are about it).
    private static string EntryText(string yaml, YamlNode name, YamlNode value)
    {
        int start = (int)(name.Start.Index - (name.Start.Column - 1));
        int end = (int)Math.Min(value.End.Index, yaml.Length);
        List<string> lines = [.. yaml[start..end].ReplaceLineEndings("\n").Split('\n')];
        while (lines.Count > 1 && lines[^1].TrimStart() is { } last && (last.Length == 0 || last.StartsWith('#')))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines).TrimEnd() + "\n";
    }
}
