using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// The named backends a generated config may reference (<c>--backends FILE</c>, a YAML file holding only a
/// <c>backends:</c> map in the sidecar's schema). The platform team defines them once; pods name them in
/// <c>secret-&lt;name&gt;</c> annotations. The text is copied verbatim into each generated config: the sidecar
/// validates it, the injector only needs the names to deny a reference to a backend that does not exist.
/// </summary>
internal sealed class BackendCatalog
{
    private readonly HashSet<string> _names;

    private BackendCatalog(string yaml, IEnumerable<string> names)
    {
        Yaml = yaml;
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>No backends: only pods with a <c>config:</c> ConfigMap can be injected.</summary>
    public static BackendCatalog Empty { get; } = new(string.Empty, []);

    /// <summary>The <c>backends:</c> document as written.</summary>
    public string Yaml { get; }

    public bool Contains(string name) => _names.Contains(name);

    /// <summary>For denials: which names exist.</summary>
    public string Describe() => _names.Count == 0
        ? "none: start the injector with --backends, or use secretbroker.io/config"
        : "known: " + string.Join(", ", _names.Order(StringComparer.Ordinal));

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

        List<string> names = [];
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

            foreach (YamlNode name in backends.Children.Keys)
            {
                string text = (name as YamlScalarNode)?.Value ?? string.Empty;
                if (!Names.IsSecretName(text))
                {
                    throw new FormatException($"{source}:{name.Start.Line}: backends: '{text}' is not a backend name ([a-z0-9]([a-z0-9._-]*[a-z0-9])?)");
                }

                names.Add(text);
            }
        }

        return new BackendCatalog(yaml.TrimEnd() + "\n", names);
    }
}
