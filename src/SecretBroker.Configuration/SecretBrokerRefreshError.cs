namespace SecretBroker.Configuration;

/// <summary>
/// A failure the direct provider (<c>AddSecretBroker</c>) did not throw, handed to
/// <see cref="SecretBrokerConfigurationSource.OnRefreshError"/>. The provider keeps its last good data and the engine
/// keeps retrying; nothing is thrown into the host.
/// </summary>
public sealed class SecretBrokerRefreshError
{
    internal SecretBrokerRefreshError(string? secret, string? backend, bool inChangeListener, Exception exception)
    {
        Secret = secret;
        Backend = backend;
        InChangeListener = inChangeListener;
        Exception = exception;
    }

    /// <summary>The secret that could not be refreshed; <see langword="null"/> for a backend or listener failure.</summary>
    public string? Secret { get; }

    /// <summary>The backend that failed; <see langword="null"/> when a reload callback threw.</summary>
    public string? Backend { get; }

    /// <summary>
    /// <see langword="true"/> when a reload callback (an <c>IOptionsMonitor.OnChange</c> listener, a change-token
    /// callback) threw; <see langword="false"/> when a backend failed.
    /// </summary>
    public bool InChangeListener { get; }

    /// <summary>What failed. Its message names secrets, ids and statuses, never a secret value.</summary>
    public Exception Exception { get; }
}
