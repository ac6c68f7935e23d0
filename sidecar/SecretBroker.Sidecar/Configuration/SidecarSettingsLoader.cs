namespace SecretBroker.Sidecar.Configuration;

/// <summary>Reads a config file (YAML, or JSON) into validated <see cref="SidecarSettings"/>.</summary>
internal static class SidecarSettingsLoader
{
    /// <summary>The largest config file read; a sidecar config is a few kilobytes.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; the message lists every problem.</exception>
    public static SidecarSettings Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            FileInfo file = new(path);
            if (file.Exists && file.Length > MaxFileBytes)
            {
                throw new IOException($"larger than {MaxFileBytes / 1024} KiB");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigurationException(path, [new ConfigError(0, null, ConfigMessages.CannotRead(e.Message))]);
        }

        return Parse(text, path, Path.GetFullPath(path));
    }

    /// <summary>Validates config <paramref name="text"/>; <paramref name="displayName"/> is used in messages.</summary>
    /// <exception cref="ConfigurationException">The text is invalid.</exception>
    public static SidecarSettings Parse(string text, string displayName, string sourcePath)
    {
        List<ConfigError> errors = [];
        SidecarSettings? settings = null;
        using (StringReader reader = new(text))
        {
            if (YamlConfigParser.Parse(reader, errors) is { } root
                && RawConfigReader.Read(root, errors) is { } raw)
            {
                settings = SidecarSettingsValidator.Validate(raw, sourcePath, errors);
            }
        }

        if (errors.Count > 0 || settings is null)
        {
            throw new ConfigurationException(displayName, [.. errors.OrderBy(e => e.Line)]);
        }

        return settings;
    }
}
