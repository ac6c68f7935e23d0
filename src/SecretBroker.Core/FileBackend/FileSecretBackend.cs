using SecretBroker.Backends;

namespace SecretBroker.FileBackend;

/// <summary>
/// The embedded default backend: secrets from a local directory or JSON file, re-read on every refresh (polling; no
/// file-system watcher). Versions are content hashes, so an unchanged file never counts as a change.
/// </summary>
public sealed class FileSecretBackend : ISecretBackend
{
    /// <summary>Creates the backend.</summary>
    public FileSecretBackend(FileSecretBackendOptions options)
    {
        throw new NotImplementedException();
    }

    /// <inheritdoc />
    public SecretBackendCapabilities Capabilities => throw new NotImplementedException();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <inheritdoc />
    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();
}
