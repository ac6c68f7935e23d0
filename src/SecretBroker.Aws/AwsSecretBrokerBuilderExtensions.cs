namespace SecretBroker.Aws;

/// <summary>Adds AWS Secrets Manager to an <see cref="ISecretBrokerBuilder"/>.</summary>
public static class AwsSecretBrokerBuilderExtensions
{
    /// <summary>Lets configuration sections name <c>type: aws-secrets-manager</c>.</summary>
    /// <param name="builder">The builder.</param>
    public static ISecretBrokerBuilder UseAwsSecretsManager(this ISecretBrokerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.BackendTypes.Add(AwsSecretsManagerBackendType.Instance);
        return builder;
    }

    /// <summary>Adds an <c>aws-secrets-manager</c> backend named <paramref name="name"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The backend's name (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="configure">Sets region (required), endpoints, identity and refresh mode.</param>
    public static ISecretBrokerBuilder AddAwsSecretsManager(this ISecretBrokerBuilder builder, string name, Action<AwsSecretsManagerOptions> configure) =>
        builder.AddBackend(name, AwsSecretsManagerBackendType.Instance, configure);
}
