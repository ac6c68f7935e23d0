namespace SecretBroker.Azure;

/// <summary>Adds Azure Key Vault to an <see cref="ISecretBrokerBuilder"/>.</summary>
public static class AzureSecretBrokerBuilderExtensions
{
    /// <summary>Lets configuration sections name <c>type: azure-key-vault</c>.</summary>
    /// <param name="builder">The builder.</param>
    public static ISecretBrokerBuilder UseAzureKeyVault(this ISecretBrokerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.BackendTypes.Add(AzureKeyVaultBackendType.Instance);
        return builder;
    }

    /// <summary>Adds an <c>azure-key-vault</c> backend named <paramref name="name"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The backend's name (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="configure">Sets the vault URI (required), identity overrides and refresh mode.</param>
    public static ISecretBrokerBuilder AddAzureKeyVault(this ISecretBrokerBuilder builder, string name, Action<AzureKeyVaultOptions> configure) =>
        builder.AddBackend(name, AzureKeyVaultBackendType.Instance, configure);
}
