using SecretBroker.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds the secrets a <c>secretbroker</c> sidecar delivers to an <see cref="IConfigurationBuilder"/>.</summary>
public static class SecretBrokerSidecarConfigurationExtensions
{
    /// <summary>
    /// Adds the sidecar's secrets found the default way (socket from <c>SECRETBROKER_SOCKET</c>, else files from
    /// <c>SECRETBROKER_SECRETS_DIR</c>, else the default paths). A secret named <c>huggingface--token</c> becomes the key
    /// <c>huggingface:token</c>. Reloads on rotation.
    /// </summary>
    public static IConfigurationBuilder AddSecretBrokerSidecar(this IConfigurationBuilder builder) =>
        builder.AddSecretBrokerSidecar(static _ => { });

    /// <summary>Adds the sidecar's secrets with settings (socket or directory, prefix, JSON flattening, optional).</summary>
    public static IConfigurationBuilder AddSecretBrokerSidecar(this IConfigurationBuilder builder, Action<SecretBrokerSidecarConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new SecretBrokerSidecarConfigurationSource();
        configure(source);
        return builder.Add(source);
    }
}
