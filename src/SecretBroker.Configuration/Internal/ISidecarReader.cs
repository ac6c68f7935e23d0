namespace SecretBroker.Configuration.Internal;

/// <summary>One way of reading the sidecar (files or socket).</summary>
internal interface ISidecarReader : IDisposable
{
    /// <summary>Reads every permitted secret now. Throws when the sidecar cannot be reached.</summary>
    SecretSet Load();

    /// <summary>
    /// Follows changes from <paramref name="loaded"/> on, calling <paramref name="publish"/> with each new full set,
    /// until <paramref name="cancellationToken"/> fires. Never throws otherwise: failures are reported to
    /// <paramref name="diagnostics"/> and retried with backoff.
    /// </summary>
    Task WatchAsync(SecretSet loaded, Action<SecretSet> publish, WatchDiagnostics diagnostics, CancellationToken cancellationToken);
}
