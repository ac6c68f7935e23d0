namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>credentials:</c> section as written: named credential sets, in file order.</summary>
internal sealed class RawCredentialSets(int line)
{
    public int Line { get; } = line;

    public List<RawCredentialSet> Sets { get; } = [];
}

/// <summary>One <c>credentials.NAME</c> entry, every value still text.</summary>
internal sealed class RawCredentialSet(string name, int line, string path)
{
    public string Name { get; } = name;

    public int Line { get; } = line;

    public string Path { get; } = path;

    public SettingsValue? Type { get; set; }

    /// <summary><c>type: secret</c>: the configured secret holding access-key JSON.</summary>
    public SettingsValue? Secret { get; set; }

    /// <summary><c>type: secret</c>: serve keys without a session token.</summary>
    public SettingsValue? AllowLongTermKeys { get; set; }

    /// <summary><c>type: aws-assume-role</c>: the aws-secrets-manager backend whose identity is the chain's source.</summary>
    public SettingsValue? Backend { get; set; }

    public SettingsValue? RoleArn { get; set; }

    public SettingsValue? SessionName { get; set; }

    public SettingsValue? Duration { get; set; }

    public SettingsValue? Policy { get; set; }
}
