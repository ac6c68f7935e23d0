namespace SecretBroker.Settings;

/// <summary>
/// Walks a <see cref="SettingsNode"/> tree, reporting what is structurally wrong: unknown keys (typos must not pass
/// silently), duplicate keys, and a list or value where a mapping belongs. Shared by the sidecar's reader and the
/// <c>backends:</c>/<c>secrets:</c> reader so both report structure the same way.
/// </summary>
/// <param name="errors">Where problems are added.</param>
/// <param name="reported">Key paths already reported as the wrong kind, so later checks do not report them again.</param>
/// <param name="separator">Joins key paths: <c>.</c> in the sidecar's file, <c>:</c> for an <c>IConfigurationSection</c>.</param>
internal sealed class SettingsWalker(ICollection<SettingsError> errors, ISet<string> reported, char separator = '.')
{
    public ICollection<SettingsError> Errors { get; } = errors;

    public ISet<string> Reported { get; } = reported;

    public string Join(string parentPath, string key) => parentPath.Length == 0 ? key : parentPath + separator + key;

    public string Item(string parentPath, int index) => separator == '.'
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{parentPath}[{index}]")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{parentPath}{separator}{index}");

    /// <summary>The entries of a mapping, without duplicates and (when <paramref name="allowed"/> is given) unknown keys, both reported.</summary>
    public IEnumerable<(string Key, int Line, SettingsNode Value, string Path)> Entries(SettingsMapping map, string parentPath, string[]? allowed)
    {
        Dictionary<string, int> seen = new(StringComparer.Ordinal);
        foreach (KeyValuePair<SettingsScalar, SettingsNode> entry in map.Entries)
        {
            string key = entry.Key.Value ?? string.Empty;
            int line = entry.Key.Line;
            string path = Join(parentPath, key);
            if (!seen.TryAdd(key, line))
            {
                Errors.Add(new SettingsError(line, path, SettingsMessages.DuplicateKey(seen[key])));
                continue;
            }

            if (allowed is not null && Array.IndexOf(allowed, key) < 0)
            {
                Errors.Add(new SettingsError(line, path, SettingsMessages.UnknownKey(allowed)));
                continue;
            }

            yield return (key, line, entry.Value, path);
        }
    }

    public SettingsMapping? Mapping(SettingsNode node, int line, string path)
    {
        if (node is SettingsMapping map)
        {
            return map;
        }

        ReportKind(line, path, SettingsMessages.ExpectedMapping(Found(node)));
        return null;
    }

    public SettingsSequence? Sequence(SettingsNode node, int line, string path)
    {
        if (node is SettingsSequence sequence)
        {
            return sequence;
        }

        ReportKind(line, path, SettingsMessages.ExpectedList(Found(node)));
        return null;
    }

    public SettingsValue? Scalar(SettingsNode node, int line, string path)
    {
        if (node is SettingsScalar scalar)
        {
            return new SettingsValue(scalar.Value, line, path);
        }

        ReportKind(line, path, SettingsMessages.ExpectedValue(Found(node)));
        return null;
    }

    /// <summary>A list of scalars (<c>[1000, 1001]</c>); each item keeps its own line.</summary>
    public SettingsValueList? List(SettingsNode node, int line, string path)
    {
        if (Sequence(node, line, path) is not { } sequence)
        {
            return null;
        }

        SettingsValueList list = new(line, path);
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            SettingsNode item = sequence.Items[i];
            string itemPath = Item(path, i);
            if (Scalar(item, item.Line, itemPath) is { } scalar)
            {
                list.Items.Add(scalar);
            }
        }

        return list;
    }

    public void Error(int line, string path, string? problem)
    {
        if (problem is not null)
        {
            Errors.Add(new SettingsError(line, path, problem));
        }
    }

    public void ReportKind(int line, string path, string problem)
    {
        Errors.Add(new SettingsError(line, path, problem));
        Reported.Add(path);
    }

    public static string Found(SettingsNode node) => node is SettingsScalar { Value: null } ? SettingsMessages.Nothing : node.KindName;
}

/// <summary>One scalar as written. <see cref="Text"/> is <see langword="null"/> for an explicit null (<c>key:</c>).</summary>
internal sealed record SettingsValue(string? Text, int Line, string Path);

/// <summary>A list of scalars as written (<c>allowUids: [1000]</c>).</summary>
internal sealed class SettingsValueList(int line, string path)
{
    public int Line { get; } = line;

    public string Path { get; } = path;

    public List<SettingsValue> Items { get; } = [];
}
