namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// The config file cannot be used. <see cref="Exception.Message"/> lists every problem, one per line, as
/// <c>&lt;file&gt;:&lt;line&gt;: &lt;key.path&gt;: &lt;problem&gt;</c>; it never contains a secret value (config holds none).
/// </summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
        Errors = [];
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ConfigurationException(string file, IReadOnlyList<SettingsError> errors)
        : base(string.Join('\n', errors.Select(e => e.Format(file))))
    {
        File = file;
        Errors = errors;
    }

    /// <summary>The config file as the user named it.</summary>
    public string? File { get; }

    /// <summary>Every problem, ordered by line.</summary>
    public IReadOnlyList<SettingsError> Errors { get; }
}
