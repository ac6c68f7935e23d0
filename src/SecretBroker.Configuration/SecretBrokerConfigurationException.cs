namespace SecretBroker.Configuration;

/// <summary>
/// <c>AddSecretBroker</c> could not be built: its settings have problems (each names its key path), a backend could
/// not be built, or required secrets did not load within the first-load timeout (each names the secret, its backend
/// and why). Every problem is listed at once; never a secret value.
/// </summary>
public sealed class SecretBrokerConfigurationException : Exception
{
    /// <summary>Creates the exception with no problems listed.</summary>
    public SecretBrokerConfigurationException()
        : this("The SecretBroker configuration could not be built.", [])
    {
    }

    /// <summary>Creates the exception with a message and no problems listed.</summary>
    /// <param name="message">What went wrong.</param>
    public SecretBrokerConfigurationException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with a message and the failure behind it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The failure behind it.</param>
    public SecretBrokerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception listing <paramref name="errors"/> after <paramref name="summary"/>, one per line.</summary>
    /// <param name="summary">What failed as a whole.</param>
    /// <param name="errors">Each problem: <c>key:path: problem</c> or <c>secret 'name' (backend 'b'): reason</c>.</param>
    public SecretBrokerConfigurationException(string summary, IReadOnlyList<string> errors)
        : base(Compose(summary, errors))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every problem found, one per entry.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Compose(string summary, IReadOnlyList<string>? errors) =>
        errors is null || errors.Count == 0 ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(static e => "  " + e));
}
