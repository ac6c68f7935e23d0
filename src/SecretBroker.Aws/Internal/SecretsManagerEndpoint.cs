namespace SecretBroker.Aws.Internal;

/// <summary>Resolves the Secrets Manager endpoint and enforces HTTPS (plain http only to loopback).</summary>
internal static class SecretsManagerEndpoint
{
    /// <summary>
    /// <see cref="AwsSecretsManagerOptions.ServiceUrl"/>, else <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>, else
    /// <c>AWS_ENDPOINT_URL</c>, else <c>https://secretsmanager.&lt;region&gt;.amazonaws.com</c>.
    /// </summary>
    public static Uri Resolve(AwsSecretsManagerOptions options, Func<string, string?> environment)
    {
        if (options.ServiceUrl is not null)
        {
            return Check(nameof(AwsSecretsManagerOptions.ServiceUrl), options.ServiceUrl);
        }

        foreach (string name in (ReadOnlySpan<string>)[AwsEnvironment.EndpointUrlSecretsManager, AwsEnvironment.EndpointUrl])
        {
            string? text = environment.Get(name);
            if (text is not null)
            {
                return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
                    ? Check(name, uri)
                    : throw AwsErrors.BadEndpoint(name, text);
            }
        }

        return new Uri($"https://secretsmanager.{options.Region}.amazonaws.com/");
    }

    private static Uri Check(string setting, Uri uri)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw AwsErrors.BadEndpoint(setting, uri.OriginalString);
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !AwsIdentityRules.IsLoopback(uri))
        {
            throw AwsErrors.InsecureEndpoint(setting, uri);
        }

        // Every operation is POST to the root path of the endpoint.
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
