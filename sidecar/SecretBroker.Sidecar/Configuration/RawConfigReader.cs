namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Walks a <see cref="SettingsNode"/> tree into a <see cref="RawSidecarConfig"/>, reporting what is structurally wrong:
/// unknown keys (typos must not pass silently), duplicate keys, and a list or value where a mapping belongs.
/// <c>backends:</c> and <c>secrets:</c> are kept as nodes for the reader both front doors share
/// (<see cref="SecretBrokerSettingsReader"/>); outputs stay text, judged by <see cref="SidecarSettingsValidator"/>.
/// </summary>
internal sealed partial class RawConfigReader
{
    private static readonly string[] TopLevelKeys = ["backends", "secrets", "outputs", "huggingface", "credentials"];

    private readonly SettingsWalker _walker;

    private RawConfigReader(SettingsWalker walker)
    {
        _walker = walker;
    }

    public static RawSidecarConfig? Read(SettingsNode root, List<SettingsError> errors)
    {
        if (root is not SettingsMapping map)
        {
            errors.Add(new SettingsError(root.Line, null, ConfigMessages.RootNotMapping(root.KindName)));
            return null;
        }

        RawSidecarConfig raw = new() { Line = root.Line };
        RawConfigReader reader = new(new SettingsWalker(errors, raw.Reported));
        foreach ((string key, int line, SettingsNode value, string path) in reader._walker.Entries(map, string.Empty, TopLevelKeys))
        {
            switch (key)
            {
                case "backends":
                    raw.BackendsLine = line;
                    raw.Backends = value;
                    break;
                case "secrets":
                    raw.SecretsLine = line;
                    raw.Secrets = value;
                    break;
                case "huggingface":
                    raw.HuggingFace = reader.ReadHuggingFace(value, line, path);
                    break;
                case "credentials":
                    raw.Credentials = reader.ReadCredentials(value, line, path);
                    break;
                default:
                    raw.Outputs = reader.ReadOutputs(value, line, path);
                    break;
            }
        }

        return raw;
    }

    private SettingsMapping? Mapping(SettingsNode node, int line, string path) => _walker.Mapping(node, line, path);

    private SettingsValue? Scalar(SettingsNode node, int line, string path) => _walker.Scalar(node, line, path);

    private SettingsValueList? List(SettingsNode node, int line, string path) => _walker.List(node, line, path);

    private IEnumerable<(string Key, int Line, SettingsNode Value, string Path)> Entries(SettingsMapping map, string parentPath, string[]? allowed) =>
        _walker.Entries(map, parentPath, allowed);
}
