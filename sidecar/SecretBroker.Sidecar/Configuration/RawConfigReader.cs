namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Walks a <see cref="SettingsNode"/> tree into a <see cref="RawSidecarConfig"/>, reporting what is structurally wrong:
/// unknown keys (typos must not pass silently), duplicate keys, and a list or value where a mapping belongs.
/// Values stay text; <see cref="SidecarSettingsValidator"/> judges them.
/// </summary>
internal sealed partial class RawConfigReader
{
    private static readonly string[] TopLevelKeys = ["backends", "secrets", "outputs"];

    /// <summary>Every single-value key some backend type knows (besides <c>type</c>); the validator checks them per type.</summary>
    private static readonly string[] BackendSettingKeys =
    [
        "path", "region", "endpoint", "stsEndpoint", "identity", "roleArn", "webIdentityTokenFile", "roleSessionName", "allowFallback", "refreshMode",
    ];

    private static readonly string[] SecretKeys = ["name", "backend", "id", "key", "version", "refresh", "required", "allowUids", "allowGids"];

    private readonly List<SettingsError> _errors;
    private readonly HashSet<string> _reported;

    private RawConfigReader(List<SettingsError> errors, HashSet<string> reported)
    {
        _errors = errors;
        _reported = reported;
    }

    public static RawSidecarConfig? Read(SettingsNode root, List<SettingsError> errors)
    {
        if (root is not SettingsMapping map)
        {
            errors.Add(new SettingsError(root.Line, null, ConfigMessages.RootNotMapping(root.KindName)));
            return null;
        }

        RawSidecarConfig raw = new() { Line = root.Line };
        RawConfigReader reader = new(errors, raw.Reported);
        foreach ((string key, int line, SettingsNode value, string path) in reader.Entries(map, string.Empty, TopLevelKeys))
        {
            switch (key)
            {
                case "backends":
                    raw.BackendsLine = line;
                    raw.Backends = reader.ReadBackends(value, line, path);
                    break;
                case "secrets":
                    raw.SecretsLine = line;
                    raw.Secrets = reader.ReadSecrets(value, line, path);
                    break;
                default:
                    raw.Outputs = reader.ReadOutputs(value, line, path);
                    break;
            }
        }

        return raw;
    }

    private List<RawBackend>? ReadBackends(SettingsNode node, int line, string path)
    {
        if (Mapping(node, line, path) is not { } map)
        {
            return null;
        }

        List<RawBackend> backends = [];
        foreach ((string name, int nameLine, SettingsNode value, string backendPath) in Entries(map, path, allowed: null))
        {
            RawBackend backend = new(name, nameLine, backendPath);
            backends.Add(backend);
            if (Mapping(value, nameLine, backendPath) is not { } body)
            {
                continue;
            }

            foreach ((string key, int keyLine, SettingsNode keyValue, string keyPath) in Entries(body, backendPath, allowed: null))
            {
                if (key == "type")
                {
                    backend.Type = Scalar(keyValue, keyLine, keyPath);
                }
                else if (Array.IndexOf(BackendSettingKeys, key) >= 0)
                {
                    // Whether the key belongs to this backend's type is the validator's call; here it is only read.
                    if (Scalar(keyValue, keyLine, keyPath) is { } scalar)
                    {
                        backend.Settings[key] = scalar;
                    }
                }
                else
                {
                    // Which keys are allowed depends on the type; the validator decides.
                    backend.OtherKeys.Add(new RawValue(null, keyLine, keyPath));
                }
            }
        }

        return backends;
    }

    private List<RawSecret>? ReadSecrets(SettingsNode node, int line, string path)
    {
        if (node is not SettingsSequence sequence)
        {
            ReportKind(line, path, ConfigMessages.ExpectedList(Found(node)));
            return null;
        }

        List<RawSecret> secrets = [];
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            SettingsNode item = sequence.Items[i];
            string itemPath = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}[{i}]");
            RawSecret secret = new(i, item.Line, itemPath);
            secrets.Add(secret);
            if (Mapping(item, item.Line, itemPath) is not { } map)
            {
                continue;
            }

            foreach ((string key, int keyLine, SettingsNode value, string keyPath) in Entries(map, itemPath, SecretKeys))
            {
                if (key is "allowUids" or "allowGids")
                {
                    RawList? ids = List(value, keyLine, keyPath);
                    if (key == "allowUids")
                    {
                        secret.AllowUids = ids;
                    }
                    else
                    {
                        secret.AllowGids = ids;
                    }

                    continue;
                }

                RawValue? scalar = Scalar(value, keyLine, keyPath);
                switch (key)
                {
                    case "name": secret.Name = scalar; break;
                    case "backend": secret.Backend = scalar; break;
                    case "id": secret.Id = scalar; break;
                    case "key": secret.Key = scalar; break;
                    case "version": secret.Version = scalar; break;
                    case "refresh": secret.Refresh = scalar; break;
                    default: secret.Required = scalar; break;
                }
            }
        }

        return secrets;
    }

    /// <summary>A list of scalars (<c>[1000, 1001]</c>); each item keeps its own line.</summary>
    private RawList? List(SettingsNode node, int line, string path)
    {
        if (node is not SettingsSequence sequence)
        {
            ReportKind(line, path, ConfigMessages.ExpectedList(Found(node)));
            return null;
        }

        RawList list = new(line, path);
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            SettingsNode item = sequence.Items[i];
            string itemPath = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (Scalar(item, item.Line, itemPath) is { } scalar)
            {
                list.Items.Add(scalar);
            }
        }

        return list;
    }

    /// <summary>The entries of a mapping, without duplicates and (when <paramref name="allowed"/> is given) unknown keys, both reported.</summary>
    private IEnumerable<(string Key, int Line, SettingsNode Value, string Path)> Entries(SettingsMapping map, string parentPath, string[]? allowed)
    {
        Dictionary<string, int> seen = new(StringComparer.Ordinal);
        foreach (KeyValuePair<SettingsScalar, SettingsNode> entry in map.Entries)
        {
            string key = entry.Key.Value!;
            int line = entry.Key.Line;
            string path = parentPath.Length == 0 ? key : parentPath + "." + key;
            if (!seen.TryAdd(key, line))
            {
                _errors.Add(new SettingsError(line, path, ConfigMessages.DuplicateKey(seen[key])));
                continue;
            }

            if (allowed is not null && Array.IndexOf(allowed, key) < 0)
            {
                _errors.Add(new SettingsError(line, path, ConfigMessages.UnknownKey(allowed)));
                continue;
            }

            yield return (key, line, entry.Value, path);
        }
    }

    private SettingsMapping? Mapping(SettingsNode node, int line, string path)
    {
        if (node is SettingsMapping map)
        {
            return map;
        }

        ReportKind(line, path, ConfigMessages.ExpectedMapping(Found(node)));
        return null;
    }

    private RawValue? Scalar(SettingsNode node, int line, string path)
    {
        if (node is SettingsScalar scalar)
        {
            return new RawValue(scalar.Value, line, path);
        }

        ReportKind(line, path, ConfigMessages.ExpectedValue(Found(node)));
        return null;
    }

    private void ReportKind(int line, string path, string problem)
    {
        _errors.Add(new SettingsError(line, path, problem));
        _reported.Add(path);
    }

    private static string Found(SettingsNode node) => node is SettingsScalar { Value: null } ? ConfigMessages.Nothing : node.KindName;
}
