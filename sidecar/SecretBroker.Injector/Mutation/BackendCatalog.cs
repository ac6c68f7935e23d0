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

            // An entry runs from the start of its name's line to the start of the next name's line; the last one to the
            // end of the file ('backends:' is the only top-level key). A node's End mark cannot say it: a mapping's is
            // where the mapping starts.
            YamlNode[] names = [.. backends.Children.Keys];
            for (int i = 0; i < names.Length; i++)
            {
                string text = (names[i] as YamlScalarNode)?.Value ?? string.Empty;
                if (!Names.IsSecretName(text))
                {
                    throw new FormatException($"{source}:{names[i].Start.Line}: backends: '{text}' is not a backend name ([a-z0-9]([a-z0-9._-]*[a-z0-9])?)");
                }

                int next = i + 1 < names.Length ? LineStart(names[i + 1]) : yaml.Length;
                entries.Add((text, EntryText(yaml[LineStart(names[i])..next])));
            }
        }

        return new BackendCatalog(entries);
    }

    private static int LineStart(YamlNode name) => (int)(name.Start.Index - (name.Start.Column - 1));

    // The entry with its own indentation and inner comments. In a block map each name starts its line, so entries can be
    // put together again in any selection. The comment lines above the next name (they are about it), blank lines and
    // a document end marker are cut off.
    private static string EntryText(string slice)
    {
        List<string> lines = [.. slice.ReplaceLineEndings("\n").Split('\n')];
        while (lines.Count > 1 && lines[^1].Trim() is { } last && (last.Length == 0 || last.StartsWith('#') || last == "..."))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines).TrimEnd() + "\n";
    }
}
