namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>huggingface:</c> section and the per-secret file layouts (<c>profile</c>, <c>format</c>).</summary>
internal sealed partial class SidecarSettingsValidator
{
    private HuggingFaceSettings? ValidateHuggingFace(RawSidecarConfig raw, SecretBrokerSettings? shared)
    {
        if (raw.HuggingFace is not { } section || _reported.Contains("huggingface"))
        {
            return null;
        }

        bool verify = Boolean(section.Verify, defaultValue: false);
        Uri endpoint = HuggingFaceSettings.DefaultEndpoint;
        if (OptionalText(section.Endpoint) is { } text)
        {
            if (HubEndpointProblem(text, out Uri? parsed) is { } problem)
            {
                Error(section.Endpoint!.Line, section.Endpoint.Path, problem);
            }
            else
            {
                endpoint = parsed!;
            }
        }

        // Verification is about profile: huggingface secrets; asking for it with none would silently check nothing.
        if (verify && shared is not null && !shared.Secrets.Any(s => s.Profile == SecretProfile.HuggingFace))
        {
            Error(section.Verify!.Line, section.Verify.Path, ConfigMessages.VerifyWithoutHuggingFaceSecret);
        }

        return new HuggingFaceSettings(endpoint, verify);
    }

    /// <summary>https, or plain http only to a loopback host (a local fake or proxy): a token is sent to it.</summary>
    private static string? HubEndpointProblem(string text, out Uri? endpoint)
    {
        endpoint = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return ConfigMessages.NotAHubEndpoint(text);
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            return ConfigMessages.HubEndpointNotHttps(text);
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return ConfigMessages.NotAHubEndpoint(text);
        }

        // A base URL: paths are appended to it, so it ends with '/'.
        endpoint = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return null;
    }

    private static Dictionary<string, SecretFileDelivery> FileDeliveries(SecretBrokerSettings shared)
    {
        Dictionary<string, SecretFileDelivery> deliveries = new(StringComparer.Ordinal);
        foreach (ConfiguredSecret secret in shared.Secrets)
        {
            if (secret.Profile != SecretProfile.None || secret.Format != SecretFileFormat.Raw)
            {
                deliveries[secret.Definition.Name] = new SecretFileDelivery(secret.Profile, secret.Format);
            }
        }

        return deliveries;
    }
}
