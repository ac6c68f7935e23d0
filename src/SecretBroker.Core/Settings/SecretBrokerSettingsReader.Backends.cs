using SecretBroker.Backends;

namespace SecretBroker.Settings;

/// <summary>The <c>backends:</c> section: each entry bound into its type's options and checked by its validator.</summary>
public sealed partial class SecretBrokerSettingsReader
{
    private Dictionary<string, ConfiguredBackend> ReadBackends(SettingsWalker walker, Sections sections, string path, out HashSet<string> names)
    {
        Dictionary<string, ConfiguredBackend> backends = new(StringComparer.Ordinal);
        names = new HashSet<string>(StringComparer.Ordinal);
        if (sections.Backends is null)
        {
            walker.Error(sections.MissingLine, path, walker.Reported.Contains(path) ? null : SettingsMessages.Required);
            return backends;
        }

        if (walker.Mapping(sections.Backends, sections.BackendsLine, path) is not { } map)
        {
            return backends;
        }

        if (map.Entries.Count == 0)
        {
            walker.Error(sections.BackendsLine, path, SettingsMessages.NoBackends);
        }

        foreach ((string name, int line, SettingsNode value, string backendPath) in walker.Entries(map, path, allowed: null))
        {
            names.Add(name);
            if (!SecretBackendRules.IsValidName(name))
            {
                walker.Error(line, backendPath, SettingsMessages.InvalidBackendName(name));
            }

            if (walker.Mapping(value, line, backendPath) is { } body && ReadBackend(walker, name, line, backendPath, body) is { } backend)
            {
                backends[name] = backend;
            }
        }

        return backends;
    }

    private ConfiguredBackend? ReadBackend(SettingsWalker walker, string name, int line, string path, SettingsMapping body)
    {
        SettingsValue? typeValue = null;
        List<KeyValuePair<string, SettingsValue>> settings = [];
        List<(string Key, int Line, SettingsMapping Map, string Path)> groups = [];
        foreach ((string key, int keyLine, SettingsNode value, string keyPath) in walker.Entries(body, path, allowed: null))
        {
            if (key != "type" && value is SettingsMapping nested)
            {
                // Resolved once the type is known: a group of the type's dotted keys, or a value of the wrong kind.
                groups.Add((key, keyLine, nested, keyPath));
                continue;
            }

            if (walker.Scalar(value, keyLine, keyPath) is not { } scalar)
            {
                continue;
            }

            if (key == "type")
            {
                typeValue = scalar;
            }
            else
            {
                settings.Add(new(key, scalar));
            }
        }

        string? typeName = RequiredText(walker, typeValue, line, walker.Join(path, "type"));
        if (typeName is null)
        {
            return null;
        }

        if (_catalog.Find(typeName) is not { } type)
        {
            // A known type this build lacks is said so, rather than accepting keys that would be ignored.
            walker.Error(typeValue!.Line, typeValue.Path, _catalog.IsAbsent(typeName, out string? advice)
                ? SettingsMessages.BackendTypeNotAvailable(typeName, _catalog.Available, advice)
                : SettingsMessages.UnknownBackendType(typeName, _catalog.Available));
            return null;
        }

        int before = walker.Errors.Count;
        foreach ((string key, int keyLine, SettingsMapping nested, string keyPath) in groups)
        {
            if (type.SettingKeys.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal)))
            {
                // A nested mapping (Vault's `auth: {method: ...}`) binds as dotted keys (`auth.method`), each on its own line.
                Flatten(walker, key, nested, keyPath, settings);
            }
            else
            {
                walker.Scalar(nested, keyLine, keyPath);
            }
        }

        Dictionary<string, SettingsValue> written = new(StringComparer.Ordinal);
        List<KeyValuePair<string, SettingsValue>> usable = [];
        foreach ((string key, SettingsValue value) in settings.OrderBy(setting => setting.Value.Line))
        {
            written[key] = value;
            if (!type.SettingKeys.Contains(key))
            {
                walker.Error(value.Line, value.Path, SettingsMessages.UnknownBackendKey(type.TypeName, type.SettingKeys));
            }
            else if (value.Text is not null && string.IsNullOrWhiteSpace(value.Text))
            {
                walker.Error(value.Line, value.Path, SettingsMessages.MustNotBeEmpty);
            }
            else
            {
                usable.Add(new(key, value));
            }
        }

        List<SecretBackendSettingProblem> problems = [];
        object options = type.Bind(usable, _baseDirectory, problems);
        HashSet<string> unusable = [.. problems.Select(problem => problem.Key)];
        foreach (SettingsError error in walker.Errors.Skip(before))
        {
            unusable.Add(error.Path ?? string.Empty);
        }

        // A key that could not be bound is reported once, for what was written, not again by the validator.
        foreach (SecretBackendSettingProblem problem in type.Validate(options))
        {
            if (!unusable.Contains(problem.Key) && !unusable.Contains(KeyPath(walker, path, problem.Key)))
            {
                problems.Add(problem);
            }
        }

        foreach (SecretBackendSettingProblem problem in problems)
        {
            if (problem.Key.Length == 0)
            {
                walker.Error(line, path, problem.Problem);
            }
            else if (written.TryGetValue(problem.Key, out SettingsValue? value))
            {
                walker.Error(value.Line, value.Path, problem.Problem);
            }
            else
            {
                walker.Error(line, KeyPath(walker, path, problem.Key), problem.Problem);
            }
        }

        return walker.Errors.Count > before ? null : new ConfiguredBackend(name, type, options) { Line = line };
    }

    /// <summary>Adds the scalars of a nested mapping as settings keyed <c>prefix.key</c> (deeper mappings likewise).</summary>
    private static void Flatten(SettingsWalker walker, string prefix, SettingsMapping map, string mapPath, List<KeyValuePair<string, SettingsValue>> settings)
    {
        foreach ((string key, int keyLine, SettingsNode value, string keyPath) in walker.Entries(map, mapPath, allowed: null))
        {
            string flat = prefix + "." + key;
            if (value is SettingsMapping deeper)
            {
                Flatten(walker, flat, deeper, keyPath, settings);
            }
            else if (walker.Scalar(value, keyLine, keyPath) is { } scalar)
            {
                settings.Add(new(flat, scalar));
            }
        }
    }

    /// <summary>The path of a dotted setting key under <paramref name="path"/>, in the reader's separator (<c>auth:role</c> in configuration).</summary>
    private static string KeyPath(SettingsWalker walker, string path, string key) => key.Split('.').Aggregate(path, walker.Join);
}
