using SecretBroker.Backends;
using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The backend instances built from <see cref="SidecarSettings.Backends"/>, owned by whoever built them: disposing
/// the set disposes every backend that holds resources (HTTP clients in later backends).
/// </summary>
internal sealed class SecretBackendSet : IDisposable
{
    private SecretBackendSet(IReadOnlyDictionary<string, ISecretBackend> backends)
    {
        Backends = backends;
    }

    /// <summary>Backend instances by the names secrets refer to.</summary>
    public IReadOnlyDictionary<string, ISecretBackend> Backends { get; }

    /// <summary>Builds one backend per configured entry. Builds only; nothing is contacted or read.</summary>
    public static SecretBackendSet Create(SidecarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Dictionary<string, ISecretBackend> backends = new(StringComparer.Ordinal);
        foreach ((string name, BackendSettings backend) in settings.Backends)
        {
            backends[name] = backend switch
            {
                FileBackendSettings file => new FileSecretBackend(new FileSecretBackendOptions { Path = file.Path }),
                _ => throw new NotSupportedException($"Backend type '{backend.Type}' has no factory."),
            };
        }

        return new SecretBackendSet(backends);
    }

    public void Dispose()
    {
        foreach (ISecretBackend backend in Backends.Values)
        {
            (backend as IDisposable)?.Dispose();
        }
    }
}
