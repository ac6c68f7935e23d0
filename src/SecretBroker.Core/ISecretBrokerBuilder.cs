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

    /// <summary>Adds a backend instance named <paramref name="name"/> (the name secrets refer to).</summary>
    /// <param name="name">Letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="type">Its type (also registered in <see cref="BackendTypes"/>).</param>
    /// <param name="options">Its options, an instance of <paramref name="type"/>'s options class.</param>
    ISecretBrokerBuilder AddBackend(string name, SecretBackendType type, object options);

    /// <summary>Declares a secret.</summary>
    /// <param name="secret">What to fetch, from which backend, how often.</param>
    ISecretBrokerBuilder AddSecret(SecretDefinition secret);
}
