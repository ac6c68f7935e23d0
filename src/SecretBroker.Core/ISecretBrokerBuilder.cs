using SecretBroker.Backends;

namespace SecretBroker;

/// <summary>
/// Declares backends and secrets in code, the code-first front door (<c>AddSecretBroker(b =&gt; …)</c>). Backend
/// packages add their own <c>Add…</c> extensions on it (e.g. <c>AddAwsSecretsManager</c>); everything added is
/// validated with the same rules as the sidecar's config file when the source is built.
/// </summary>
public interface ISecretBrokerBuilder
{
    /// <summary>The backend types a configuration section may name in <c>type:</c> (<c>file</c> is always there).</summary>
    SecretBackendCatalog BackendTypes { get; }

    /// <summary>
    /// Adds a backend instance (its type is also registered in <see cref="BackendTypes"/>). Usually called through a
    /// typed extension: <c>AddBackend(name, type, o =&gt; …)</c>, <c>AddFileBackend</c>, <c>AddAwsSecretsManager</c>.
    /// </summary>
    /// <param name="backend">Its name (the name secrets refer to), type and options; validated when the source is built.</param>
    ISecretBrokerBuilder AddBackend(Settings.ConfiguredBackend backend);

    /// <summary>Declares a secret.</summary>
    /// <param name="secret">What to fetch, from which backend, how often.</param>
    ISecretBrokerBuilder AddSecret(SecretDefinition secret);
}
