namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// The config file as written, before validation: every value still text, every value with its line and key path.
/// A <see langword="null"/> member means the key was absent. Built by <see cref="RawConfigReader"/>,
/// checked by <see cref="SidecarSettingsValidator"/>.
/// </summary>
internal sealed class RawSidecarConfig
{
    public int Line { get; init; } = 1;

    public IReadOnlyList<RawBackend>? Backends { get; set; }

    public int BackendsLine { get; set; } = 1;

    public IReadOnlyList<RawSecret>? Secrets { get; set; }

    public int SecretsLine { get; set; } = 1;

    public RawOutputs? Outputs { get; set; }

    /// <summary>Key paths the reader already reported (wrong kind, null section); the validator does not report them again.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
}

/// <summary>One scalar as written. <see cref="Text"/> is <see langword="null"/> for an explicit YAML null (<c>key:</c>).</summary>
internal sealed record RawValue(string? Text, int Line, string Path);

/// <summary>An entry under <c>backends:</c>. Keys no type knows are kept in <see cref="OtherKeys"/>, the others in <see cref="Settings"/>,
/// so that a backend of an unavailable type is reported once, for its type, not once per key.</summary>
internal sealed class RawBackend(string name, int line, string path)
{
    public string Name { get; } = name;

    public int Line { get; } = line;

    public string Path { get; } = path;

    public RawValue? Type { get; set; }

    /// <summary>The single-value keys some backend type knows, as written, by key (e.g. <c>path</c>, <c>region</c>).</summary>
    public Dictionary<string, RawValue> Settings { get; } = new(StringComparer.Ordinal);

    public RawValue? FilePath => Setting("path");

    /// <summary>Keys no backend type knows.</summary>
    public List<RawValue> OtherKeys { get; } = [];

    public RawValue? Setting(string key) => Settings.GetValueOrDefault(key);
}

/// <summary>An item of <c>secrets:</c>.</summary>
internal sealed class RawSecret(int index, int line, string path)
{
    public int Index { get; } = index;

    public int Line { get; } = line;

    public string Path { get; } = path;

    public RawValue? Name { get; set; }

    public RawValue? Backend { get; set; }

    public RawValue? Id { get; set; }

    public RawValue? Key { get; set; }

    public RawValue? Version { get; set; }

    public RawValue? Refresh { get; set; }

    public RawValue? Required { get; set; }

    public RawList? AllowUids { get; set; }

    public RawList? AllowGids { get; set; }
}

/// <summary>The <c>outputs:</c> section.</summary>
internal sealed class RawOutputs(int line)
{
    public int Line { get; } = line;

    public RawFilesOutput? Files { get; set; }

    public RawSocketOutput? Socket { get; set; }

    public RawHttpOutput? Http { get; set; }
}

/// <summary>The <c>outputs.http</c> section.</summary>
internal sealed class RawHttpOutput(int line)
{
    public int Line { get; } = line;

    public RawValue? Listen { get; set; }
}

/// <summary>The <c>outputs.files</c> section.</summary>
internal sealed class RawFilesOutput(int line)
{
    public int Line { get; } = line;

    public RawValue? Dir { get; set; }

    public RawValue? FileMode { get; set; }

    public RawValue? DirMode { get; set; }

    public RawValue? Group { get; set; }

    public RawValue? RequireTmpfs { get; set; }

    public RawValue? AllowSharedDir { get; set; }
}

/// <summary>The <c>outputs.socket</c> section.</summary>
internal sealed class RawSocketOutput(int line)
{
    public int Line { get; } = line;

    public RawValue? Path { get; set; }

    public RawValue? Mode { get; set; }

    public RawValue? Group { get; set; }

    public RawList? AllowUids { get; set; }

    public RawList? AllowGids { get; set; }

    public RawValue? MaxConnections { get; set; }

    public RawValue? AllowSharedDir { get; set; }
}

/// <summary>A list of scalars as written (<c>allowUids: [1000]</c>).</summary>
internal sealed class RawList(int line, string path)
{
    public int Line { get; } = line;

    public string Path { get; } = path;

    public List<RawValue> Items { get; } = [];
}
