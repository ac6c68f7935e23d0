namespace SecretBroker.Configuration;

/// <summary>
/// A failure a SecretBroker provider did not throw, handed to its <c>OnRefreshError</c> callback
/// (<see cref="SecretBrokerConfigurationSource.OnRefreshError"/>, <see cref="SecretBrokerSidecarConfigurationSource.OnRefreshError"/>).
/// The provider keeps its last good data and keeps retrying; nothing is thrown into the host.
/// </summary>
public sealed class SecretBrokerRefreshError
{
    internal SecretBrokerRefreshError(string? secret, string? backend, string? location, bool inChangeListener, Exception exception)
    {
        Secret = secret;
        Backend = backend;
        Location = location;
        InChangeListener = inChangeListener;
        Exception = exception;
    }

    /// <summary>Direct provider: the secret that could not be refreshed; <see langword="null"/> otherwise.</summary>
    public string? Secret { get; }

    /// <summary>Direct provider: the backend that failed; <see langword="null"/> when a reload callback threw, and for the sidecar provider.</summary>
    public string? Backend { get; }

    /// <summary>Sidecar provider: the socket or directory it reads; <see langword="null"/> for the direct provider.</summary>
    public string? Location { get; }

    /// <summary>
    /// <see langword="true"/> when a reload callback (an <c>IOptionsMonitor.OnChange</c> listener, a change-token
    /// callback) threw; <see langword="false"/> when reading a backend or the sidecar failed (retried with backoff).
    /// </summary>
    public bool InChangeListener { get; }

    /// <summary>What failed. Its message names secrets, ids, paths and statuses, never a secret value.</summary>
    public Exception Exception { get; }
}
