using SecretBroker.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds secrets read straight from their backends (no sidecar) to an <see cref="IConfigurationBuilder"/>.</summary>
public static class SecretBrokerConfigurationExtensions
{
    /// <summary>
    /// Adds secrets declared in code: <c>b.AddFileBackend(…)</c> / <c>b.AddAwsSecretsManager(…)</c>, then
    /// <c>b.AddSecret(name, backend, id, …)</c>; <c>b</c> also carries the provider's options (prefix, flattening,
    /// optional, first-load timeout, logging). A secret named <c>huggingface--token</c> becomes the key <c>huggingface:token</c>.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Declares backends and secrets and sets options.</param>
    /// <exception cref="SecretBrokerConfigurationException">When the configuration is built: settings with problems, or a failed first load.</exception>
    public static IConfigurationBuilder AddSecretBroker(this IConfigurationBuilder builder, Action<SecretBrokerConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new SecretBrokerConfigurationSource();
        configure(source);
        return builder.Add(source);
    }

    /// <summary>
    /// Adds the secrets a configuration section declares in the sidecar's schema (<c>backends:</c> and <c>secrets:</c>;
    /// <c>outputs</c> and <c>allowUids</c>/<c>allowGids</c> are accepted and ignored), e.g.
    /// <c>AddSecretBroker(builder.Configuration.GetSection("SecretBroker"))</c>.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="section">The section; read once, when the configuration is built.</param>
    /// <param name="configure">Registers more backend types (<c>b.UseAwsSecretsManager()</c>) and sets options; may add code-first backends and secrets too.</param>
    /// <exception cref="SecretBrokerConfigurationException">When the configuration is built: settings with problems, or a failed first load.</exception>
    public static IConfigurationBuilder AddSecretBroker(this IConfigurationBuilder builder, IConfigurationSection section, Action<SecretBrokerConfigurationSource>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var source = new SecretBrokerConfigurationSource { Section = section };
        configure?.Invoke(source);
        return builder.Add(source);
    }
}
