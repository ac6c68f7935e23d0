namespace SecretBroker.Configuration;

/// <summary>
/// A failure in the sidecar provider's background work, handed to
/// <see cref="SecretBrokerSidecarConfigurationSource.OnRefreshError"/>. The provider keeps its last good data and keeps
/// watching; nothing is thrown into the host.
/// </summary>
public sealed class SidecarRefreshError
{
    internal SidecarRefreshError(string location, bool inChangeListener, Exception exception)
    {
        Location = location;
        InChangeListener = inChangeListener;
        Exception = exception;
    }

    /// <summary>The socket or directory the provider reads.</summary>
    public string Location { get; }

    /// <summary>
    /// <see langword="true"/> when a reload callback (an <c>IOptionsMonitor.OnChange</c> listener, a change-token
    /// callback) threw; <see langword="false"/> when reading the sidecar failed (it is retried with backoff).
    /// </summary>
    public bool InChangeListener { get; }

    /// <summary>What was thrown. Its message names paths and statuses, never a secret value.</summary>
    public Exception Exception { get; }
}
