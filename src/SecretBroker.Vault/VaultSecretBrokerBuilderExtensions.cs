namespace SecretBroker.Vault;

/// <summary>Adds HashiCorp Vault (or OpenBao) to an <see cref="ISecretBrokerBuilder"/>.</summary>
public static class VaultSecretBrokerBuilderExtensions
{
    /// <summary>Lets configuration sections name <c>type: vault</c>.</summary>
    /// <param name="builder">The builder.</param>
    public static ISecretBrokerBuilder UseVault(this ISecretBrokerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.BackendTypes.Add(VaultBackendType.Instance);
        return builder;
    }

    /// <summary>Adds a <c>vault</c> backend named <paramref name="name"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The backend's name (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="configure">Sets the address, auth method and role (required), namespace, CA bundle and the rest.</param>
    public static ISecretBrokerBuilder AddVault(this ISecretBrokerBuilder builder, string name, Action<VaultOptions> configure) =>
        builder.AddBackend(name, VaultBackendType.Instance, configure);
}
