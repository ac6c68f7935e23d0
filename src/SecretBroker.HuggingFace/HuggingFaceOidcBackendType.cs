using SecretBroker.Backends;
using SecretBroker.HuggingFace.Internal;

namespace SecretBroker.HuggingFace;

/// <summary>
/// The <c>huggingface-oidc</c> backend type: keyless Hugging Face. A projected service-account token (audience
/// <c>https://huggingface.co</c>) is exchanged per RFC 8693 for a short-lived Hub access token per resource (a
/// secret's <c>id</c>: a repo <c>org/name</c>, or a user or org name), refreshed 5 minutes before it expires. Settings:
/// <c>endpoint</c>, <c>tokenFile</c>, <c>requestTimeout</c>.
/// </summary>
public sealed class HuggingFaceOidcBackendType : SecretBackendType<HuggingFaceOidcOptions>
{
    private HuggingFaceOidcBackendType()
    {
    }

    /// <summary>The one instance.</summary>
    public static HuggingFaceOidcBackendType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => HuggingFaceMessages.Backend;

    /// <inheritdoc/>
    public override SecretBackendSettingMap<HuggingFaceOidcOptions> Settings { get; } = new SecretBackendSettingMap<HuggingFaceOidcOptions>()
        .Url("endpoint", (options, url) => options.Endpoint = url)
        .Path("tokenFile", (options, path) => options.TokenFile = path)
        .Duration("requestTimeout", (options, timeout) => options.RequestTimeout = timeout);

    /// <inheritdoc/>
    public override SecretBackendOptionsValidator<HuggingFaceOidcOptions> Validator { get; } = new HuggingFaceOidcOptionsValidator();

    /// <inheritdoc/>
    /// <exception cref="SecretBackendSetupException">The token file is missing, unreadable, not a JWT, or for another audience (fail closed).</exception>
    public override ISecretBackend Create(HuggingFaceOidcOptions options, SecretBackendContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        // No redirects: a 307/308 would send the projected token in the body to wherever the answer points.
        return Create(options, context, new SocketsHttpHandler { AllowAutoRedirect = false }, context.Time);
    }

    /// <inheritdoc/>
    public override string? Describe(HuggingFaceOidcOptions options, ISecretBackend backend) =>
        backend is HuggingFaceOidcBackend hub ? $"{TypeName} {hub.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}, token file {hub.TokenFile}" : null;

    /// <summary>The seam tests use: the innermost HTTP handler and the clock.</summary>
    internal static HuggingFaceOidcBackend Create(HuggingFaceOidcOptions options, SecretBackendContext context, HttpMessageHandler inner, TimeProvider time)
    {
        if (Instance.Validator.Problems(options).FirstOrDefault() is { } problem)
        {
            inner.Dispose();
            throw new SecretBackendSetupException($"{HuggingFaceMessages.Backend}: {problem}");
        }

        if (SubjectTokenFile.Problem(options.TokenFile!) is { } refusal)
        {
            inner.Dispose();
            throw new SecretBackendSetupException(refusal);
        }

        return new HuggingFaceOidcBackend(options, context.VersionKey, inner, time);
    }
}
