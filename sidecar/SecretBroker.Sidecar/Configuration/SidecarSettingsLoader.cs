namespace SecretBroker.Sidecar.Configuration;

/// <summary>Reads a config file (YAML, or JSON) into validated <see cref="SidecarSettings"/>.</summary>
internal static class SidecarSettingsLoader
{
    /// <summary>The largest config file read, counted in bytes read (a pipe reports no size); a sidecar config is a few kilobytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>How long a pipe or FIFO given as the config may take to deliver it (a FIFO nobody writes to must not hang).</summary>
    public static readonly TimeSpan PipeWait = TimeSpan.FromSeconds(10);

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; the message lists every problem.</exception>
    public static SidecarSettings Load(string path) => Load(path, PipeWait, TimeProvider.System);

    /// <summary>Loads and validates <paramref name="path"/>, waiting at most <paramref name="pipeWait"/> for a pipe's writer.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; the message lists every problem.</exception>
    public static SidecarSettings Load(string path, TimeSpan pipeWait, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        if (ConfigFileReader.TryRead(path, MaxFileBytes, pipeWait, time, out ArraySegment<byte> content) is { } problem)
        {
            throw new ConfigurationException(path, [new SettingsError(0, null, ConfigMessages.CannotRead(problem))]);
        }

        // Like File.ReadAllText: UTF-8 unless a byte-order mark says UTF-16 or UTF-32.
        using StreamReader reader = new(new MemoryStream(content.Array!, content.Offset, content.Count, writable: false), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd(), path, Path.GetFullPath(path));
    }

    /// <summary>Validates config <paramref name="text"/>; <paramref name="displayName"/> is used in messages.</summary>
    /// <param name="text">The config.</param>
    /// <param name="displayName">The name messages give the file.</param>
    /// <param name="sourcePath">Its absolute path (relative paths resolve against its directory).</param>
    /// <param name="flavor">The build whose features the config may use; <see langword="null"/>: this binary's.</param>
    /// <exception cref="ConfigurationException">The text is invalid.</exception>
    public static SidecarSettings Parse(string text, string displayName, string sourcePath, Flavors.SidecarFlavor? flavor = null)
    {
        List<SettingsError> errors = [];
        SidecarSettings? settings = null;
        using (StringReader reader = new(text))
        {
            if (YamlConfigParser.Parse(reader, errors) is { } root
                && RawConfigReader.Read(root, errors) is { } raw)
            {
                settings = SidecarSettingsValidator.Validate(raw, sourcePath, errors, flavor);
            }
        }

        if (errors.Count > 0 || settings is null)
        {
            throw new ConfigurationException(displayName, [.. errors.OrderBy(e => e.Line)]);
        }

        return settings;
    }
}
