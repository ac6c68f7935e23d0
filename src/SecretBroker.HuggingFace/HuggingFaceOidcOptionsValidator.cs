using SecretBroker.Backends;
using SecretBroker.HuggingFace.Internal;

namespace SecretBroker.HuggingFace;

/// <summary>
/// Validates <see cref="HuggingFaceOidcOptions"/>, naming the setting keys of a <c>huggingface-oidc</c> backend:
/// <c>tokenFile</c> required and absolute; <c>endpoint</c> https (http only to loopback) without query or fragment;
/// <c>requestTimeout</c> between 1 s and 10 min. Whether the token file exists, and its audience, is checked when the
/// backend is built.
/// </summary>
public sealed class HuggingFaceOidcOptionsValidator : SecretBackendOptionsValidator<HuggingFaceOidcOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<SecretBackendSettingProblem> Problems(HuggingFaceOidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TokenFile))
        {
            yield return new SecretBackendSettingProblem("tokenFile", HuggingFaceMessages.Required);
        }
        else if (!Path.IsPathFullyQualified(options.TokenFile))
        {
            yield return new SecretBackendSettingProblem("tokenFile", HuggingFaceMessages.NotAbsolute);
        }

        if (options.Endpoint is null)
        {
            yield return new SecretBackendSettingProblem("endpoint", HuggingFaceMessages.Required);
        }
        else if (!HubEndpoint.IsAllowed(options.Endpoint))
        {
            yield return new SecretBackendSettingProblem("endpoint", HuggingFaceMessages.InsecureEndpoint(options.Endpoint));
        }
        else if (options.Endpoint.Query.Length > 0 || options.Endpoint.Fragment.Length > 0)
        {
            yield return new SecretBackendSettingProblem("endpoint", HuggingFaceMessages.EndpointHasQuery(options.Endpoint));
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new SecretBackendSettingProblem("requestTimeout", HuggingFaceMessages.TimeoutOutOfRange(options.RequestTimeout));
        }
    }
}
