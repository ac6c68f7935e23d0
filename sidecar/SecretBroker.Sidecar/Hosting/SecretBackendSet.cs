using SecretBroker.Backends;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The backend instances built from <see cref="SidecarSettings.Backends"/> (each by its type, the registration
/// <c>AddSecretBroker</c> uses too), owned by whoever built them: disposing the set disposes every backend that holds
/// resources (the AWS backend's HTTP client).
/// </summary>
internal sealed class SecretBackendSet : IDisposable
{
    private SecretBackendSet(IReadOnlyDictionary<string, ISecretBackend> backends)
    {
        Backends = backends;
    }

    /// <summary>Backend instances by the names secrets refer to.</summary>
    public IReadOnlyDictionary<string, ISecretBackend> Backends { get; }

    /// <summary>
    /// Builds one backend per configured entry. Builds only; nothing is contacted (an AWS identity's token file is
    /// checked to exist, not read).
    /// </summary>
    /// <param name="settings">The validated settings.</param>
    /// <param name="versionKey">
    /// The key file backends version values with (<see cref="VersionKeyFile"/>); <see langword="null"/>: a random key
    /// per process.
    /// </param>
    /// <param name="prepare">Called with each entry before it is built (the host hands a vault backend its login state).</param>
    /// <param name="time">The clock the engine runs on, handed to each backend; <see langword="null"/>: the system clock.</param>
    /// <exception cref="BackendStartupException">A backend refused its settings (e.g. an AWS identity is missing); none is left built.</exception>
    public static SecretBackendSet Create(SidecarSettings settings, Func<ReadOnlyMemory<byte>>? versionKey = null, Action<ConfiguredBackend>? prepare = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(settings.Backends.Values, versionKey, prepare, time);
    }

    /// <summary>Builds the given backends; see <see cref="Create(SidecarSettings, Func{ReadOnlyMemory{byte}}, Action{ConfiguredBackend}, TimeProvider)"/>.</summary>
    public static SecretBackendSet Create(IEnumerable<ConfiguredBackend> configured, Func<ReadOnlyMemory<byte>>? versionKey = null, Action<ConfiguredBackend>? prepare = null, TimeProvider? time = null)
    {
        Dictionary<string, ISecretBackend> backends = new(StringComparer.Ordinal);
        SecretBackendSet set = new(backends);
        try
        {
            foreach (ConfiguredBackend backend in configured)
            {
                try
                {
                    prepare?.Invoke(backend);
                    backends[backend.Name] = backend.Create(versionKey, time);
                }
                catch (SecretBackendSetupException e)
                {
                    throw BackendStartupException.For(backend.Name, e);
                }
            }
        }
        catch
        {
            set.Dispose();
            throw;
        }

        return set;
    }

    /// <summary>One line per backend its type describes, for <c>check</c>: name, type, region and the identity (never a key).</summary>
    public IEnumerable<string> Describe(SidecarSettings settings)
    {
        foreach ((string name, ConfiguredBackend backend) in settings.Backends)
        {
            if (Backends.GetValueOrDefault(name) is { } built && backend.Type.Describe(backend.Options, built) is { } description)
            {
                yield return $"backend {name}: {description}";
            }
        }
    }

    public void Dispose()
    {
        foreach (ISecretBackend backend in Backends.Values)
        {
            (backend as IDisposable)?.Dispose();
        }
    }
}
