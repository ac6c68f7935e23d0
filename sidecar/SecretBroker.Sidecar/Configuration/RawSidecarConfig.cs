namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// The config file as written, before validation: every value still text, every value with its line and key path.
/// A <see langword="null"/> member means the key was absent. Built by <see cref="RawConfigReader"/>,
/// checked by <see cref="SidecarSettingsValidator"/>.
/// </summary>
internal sealed class RawSidecarConfig
{
    public int Line { get; init; } = 1;

    /// <summary>The <c>backends:</c> node, read by <see cref="SecretBrokerSettingsReader"/>.</summary>
    public SettingsNode? Backends { get; set; }

    public int BackendsLine { get; set; } = 1;

    /// <summary>The <c>secrets:</c> node, read by <see cref="SecretBrokerSettingsReader"/>.</summary>
    public SettingsNode? Secrets { get; set; }

    public int SecretsLine { get; set; } = 1;

    public RawOutputs? Outputs { get; set; }

    /// <summary>The <c>huggingface:</c> section.</summary>
    public RawHuggingFaceConfig? HuggingFace { get; set; }

    /// <summary>The sidecar-only <c>credentials:</c> section; <see langword="null"/> when absent.</summary>
    public RawCredentialSets? Credentials { get; set; }

    /// <summary>Key paths the reader already reported (wrong kind, null section); the validator does not report them again.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
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

    public SettingsValue? Listen { get; set; }
}

/// <summary>The <c>outputs.files</c> section.</summary>
internal sealed class RawFilesOutput(int line)
{
    public int Line { get; } = line;

    public SettingsValue? Dir { get; set; }

    public SettingsValue? FileMode { get; set; }

    public SettingsValue? DirMode { get; set; }

    public SettingsValue? Group { get; set; }

    public SettingsValue? RequireTmpfs { get; set; }

    public SettingsValue? AllowSharedDir { get; set; }
}

/// <summary>The <c>outputs.socket</c> section.</summary>
internal sealed class RawSocketOutput(int line)
{
    public int Line { get; } = line;

    public SettingsValue? Path { get; set; }

    public SettingsValue? Mode { get; set; }

    public SettingsValue? Group { get; set; }

    public SettingsValueList? AllowUids { get; set; }

    public SettingsValueList? AllowGids { get; set; }

    public SettingsValue? MaxConnections { get; set; }

    public SettingsValue? AllowSharedDir { get; set; }
}
