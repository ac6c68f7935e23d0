using System.Globalization;

using SecretBroker.Backends;

namespace SecretBroker.Settings;

/// <summary>The <c>secrets:</c> section: each item checked against the defined backends and the refresh bounds.</summary>
public sealed partial class SecretBrokerSettingsReader
{
    private static List<ConfiguredSecret> ReadSecrets(SettingsWalker walker, Sections sections, string path, HashSet<string> backendNames, Dictionary<string, ConfiguredBackend> backends)
    {
        List<ConfiguredSecret> secrets = [];
        if (sections.Secrets is null)
        {
            walker.Error(sections.MissingLine, path, walker.Reported.Contains(path) ? null : SettingsMessages.Required);
            return secrets;
        }

        if (walker.Sequence(sections.Secrets, sections.SecretsLine, path) is not { } sequence)
        {
            return secrets;
        }

        if (sequence.Items.Count == 0)
        {
            walker.Error(sections.SecretsLine, path, SettingsMessages.NoSecrets);
        }

        Dictionary<string, int> firstLineByName = new(StringComparer.Ordinal);
        DeliveryClaims claims = new();
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            SettingsNode item = sequence.Items[i];
            string itemPath = walker.Item(path, i);
            if (walker.Mapping(item, item.Line, itemPath) is { } map
                && ReadSecret(walker, map, item.Line, itemPath, backendNames, backends, firstLineByName, claims) is { } secret)
            {
                secrets.Add(secret);
            }
        }

        return secrets;
    }

    private static ConfiguredSecret? ReadSecret(
        SettingsWalker walker, SettingsMapping map, int line, string path, HashSet<string> backendNames, Dictionary<string, ConfiguredBackend> backends,
        Dictionary<string, int> firstLineByName, DeliveryClaims claims)
    {
        Dictionary<string, SettingsValue> values = new(StringComparer.Ordinal);
        SettingsValueList? allowUids = null;
        SettingsValueList? allowGids = null;
        foreach ((string key, int keyLine, SettingsNode value, string keyPath) in walker.Entries(map, path, SecretKeys))
        {
            if (key is "allowUids" or "allowGids")
            {
                SettingsValueList? ids = walker.List(value, keyLine, keyPath);
                if (key == "allowUids")
                {
                    allowUids = ids;
                }
                else
                {
                    allowGids = ids;
                }
            }
            else if (walker.Scalar(value, keyLine, keyPath) is { } scalar)
            {
                values[key] = scalar;
            }
        }

        string? name = RequiredText(walker, values.GetValueOrDefault("name"), line, walker.Join(path, "name"));
        if (name is not null)
        {
            SettingsValue written = values["name"];
            if (!SecretName.IsValid(name))
            {
                walker.Error(written.Line, written.Path, SettingsMessages.InvalidSecretName(name));
            }
            else if (!firstLineByName.TryAdd(name, written.Line))
            {
                walker.Error(written.Line, written.Path, SettingsMessages.DuplicateSecretName(name, firstLineByName[name]));
            }
        }

        string? backend = RequiredText(walker, values.GetValueOrDefault("backend"), line, walker.Join(path, "backend"));
        if (backend is not null && !backendNames.Contains(backend))
        {
            SettingsValue written = values["backend"];
            walker.Error(written.Line, written.Path, SettingsMessages.UnknownBackendReference(backend, backendNames));
        }

        string? id = RequiredText(walker, values.GetValueOrDefault("id"), line, walker.Join(path, "id"));
        string? field = OptionalText(walker, values.GetValueOrDefault("key"));
        string? version = OptionalText(walker, values.GetValueOrDefault("version"));
        TimeSpan refresh = Refresh(walker, values.GetValueOrDefault("refresh"));
        bool required = Boolean(walker, values.GetValueOrDefault("required"), defaultValue: true);
        List<uint> uids = Ids(walker, allowUids, SettingsMessages.NotAUserId);
        List<uint> gids = Ids(walker, allowGids, SettingsMessages.NotAGroup);
        SecretProfile profile = Profile(walker, values.GetValueOrDefault("profile"));
        SecretFileFormat format = Format(walker, values.GetValueOrDefault("format"), profile);
        claims.Claim(walker, values.GetValueOrDefault("profile"), profile, values.GetValueOrDefault("name"));
        if (name is null || backend is null || id is null)
        {
            return null;
        }

        var definition = new SecretDefinition(name, backend, id, refresh) { Key = field, Version = version, Required = required };
        ReportBackendProblems(walker, values, line, path, definition, backends);
        return new ConfiguredSecret(definition)
        {
            AllowUids = uids,
            AllowGids = gids,
            Profile = profile,
            Format = format,
            AllowListKeys = [.. ((SettingsValueList?[])[allowUids, allowGids]).OfType<SettingsValueList>().Select(list => new KeyValuePair<int, string>(list.Line, list.Path))],
        };
    }

    // What the secret's backend type refuses (a name or version its store cannot hold), at the line of the key.
    private static void ReportBackendProblems(SettingsWalker walker, Dictionary<string, SettingsValue> values, int line, string path, SecretDefinition secret, Dictionary<string, ConfiguredBackend> backends)
    {
        if (!backends.TryGetValue(secret.Backend, out ConfiguredBackend? backend))
        {
            return;
        }

        foreach (SecretBackendSettingProblem problem in backend.Type.SecretProblems(secret))
        {
            if (values.TryGetValue(problem.Key, out SettingsValue? written))
            {
                walker.Error(written.Line, written.Path, problem.Problem);
            }
            else
            {
                walker.Error(line, walker.Join(path, problem.Key), problem.Problem);
            }
        }
    }

    private static List<uint> Ids(SettingsWalker walker, SettingsValueList? list, Func<string, string> notAnId)
    {
        List<uint> ids = [];
        foreach (SettingsValue item in list?.Items ?? [])
        {
            if (item.Text is { } text && uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint id) && id != uint.MaxValue)
            {
                ids.Add(id);
            }
            else
            {
                walker.Error(item.Line, item.Path, notAnId(item.Text ?? SettingsMessages.Nothing));
            }
        }

        return ids;
    }

    private static TimeSpan Refresh(SettingsWalker walker, SettingsValue? value)
    {
        if (OptionalText(walker, value) is not { } text)
        {
            return SecretDefinitionRules.DefaultRefresh;
        }

        if (!DurationText.TryParse(text, out TimeSpan refresh))
        {
            walker.Error(value!.Line, value.Path, SettingsMessages.NotADuration(text));
        }
        else
        {
            walker.Error(value!.Line, value.Path, SecretDefinitionRules.RefreshProblem(refresh, text));
        }

        return refresh;
    }

    private static bool Boolean(SettingsWalker walker, SettingsValue? value, bool defaultValue)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        if (bool.TryParse(text.Trim(), out bool result))
        {
            return result;
        }

        walker.Error(value.Line, value.Path, SettingsMessages.NotABoolean(text));
        return defaultValue;
    }

    private static string? RequiredText(SettingsWalker walker, SettingsValue? value, int parentLine, string path)
    {
        if (value is null)
        {
            walker.Error(parentLine, path, walker.Reported.Contains(path) ? null : SettingsMessages.Required);
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            walker.Error(value.Line, value.Path, value.Text is null ? SettingsMessages.Required : SettingsMessages.MustNotBeEmpty);
            return null;
        }

        return value.Text;
    }

    private static string? OptionalText(SettingsWalker walker, SettingsValue? value)
    {
        if (value?.Text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            walker.Error(value.Line, value.Path, SettingsMessages.MustNotBeEmpty);
            return null;
        }

        return value.Text;
    }
}
