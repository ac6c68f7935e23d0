namespace SecretBroker.HuggingFace;

/// <summary>Adds keyless Hugging Face (<c>huggingface-oidc</c>) to an <see cref="ISecretBrokerBuilder"/>.</summary>
public static class HuggingFaceSecretBrokerBuilderExtensions
{
    /// <summary>Lets configuration sections name <c>type: huggingface-oidc</c>.</summary>
    /// <param name="builder">The builder.</param>
    public static ISecretBrokerBuilder UseHuggingFaceOidc(this ISecretBrokerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.BackendTypes.Add(HuggingFaceOidcBackendType.Instance);
        return builder;
    }

    /// <summary>Adds a <c>huggingface-oidc</c> backend named <paramref name="name"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The backend's name (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="configure">Sets the token file (required), and the endpoint and timeout.</param>
    public static ISecretBrokerBuilder AddHuggingFaceOidc(this ISecretBrokerBuilder builder, string name, Action<HuggingFaceOidcOptions> configure) =>
        SecretBrokerBuilderExtensions.AddBackend(builder, name, HuggingFaceOidcBackendType.Instance, configure);
}
