using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// Turns the options and the environment into SDK credentials, failing closed: a mode whose variables or token file are
/// missing throws a message naming what is missing, unless fallback to the SDK default chain is allowed.
/// </summary>
/// <remarks>
/// Detection order for <see cref="AwsIdentityMode.Auto"/>: IRSA (any of <c>AWS_ROLE_ARN</c>,
/// <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>, or their option overrides), then Pod Identity (any of
/// <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>, <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>). Seeing any one variable of a
/// mode selects it, so a half-configured mode is reported rather than silently skipped.
/// </remarks>
internal sealed class AwsIdentityResolver(AwsSecretsManagerOptions options, Func<string, string?> environment, RegionEndpoint region)
{
    public ResolvedAwsIdentity Resolve()
    {
        AwsIdentityMode mode = options.Identity;
        if (mode == AwsIdentityMode.Auto)
        {
            mode = IrsaRequested() ? AwsIdentityMode.Irsa
                : PodIdentityRequested() ? AwsIdentityMode.PodIdentity
                : AwsIdentityMode.Auto;
        }

        try
        {
            return mode switch
            {
                AwsIdentityMode.Irsa => Irsa(),
                AwsIdentityMode.PodIdentity => PodIdentity(),
                _ => throw AwsErrors.NothingDetected(),
            };
        }
        catch (InvalidOperationException) when (options.AllowFallback)
        {
            return new ResolvedAwsIdentity("fallback", "AWS SDK default credential chain (allowFallback)", new DeferredCredentials(static () => DefaultAWSCredentialsIdentityResolver.GetCredentials(null)));
        }
    }

    private bool IrsaRequested() =>
        options.RoleArn is not null || options.WebIdentityTokenFile is not null
        || environment.Get(AwsEnvironment.RoleArn) is not null || environment.Get(AwsEnvironment.WebIdentityTokenFile) is not null;

    private bool PodIdentityRequested() =>
        environment.Get(AwsEnvironment.ContainerFullUri) is not null || environment.Get(AwsEnvironment.ContainerTokenFile) is not null;

    private ResolvedAwsIdentity Irsa()
    {
        const string Mode = "irsa";
        string roleArn = options.RoleArn ?? environment.Get(AwsEnvironment.RoleArn)
            ?? throw AwsErrors.IdentityMissing(Mode, $"{AwsEnvironment.RoleArn} is not set (nor RoleArn in the config)");
        string tokenFile = options.WebIdentityTokenFile ?? environment.Get(AwsEnvironment.WebIdentityTokenFile)
            ?? throw AwsErrors.IdentityMissing(Mode, $"{AwsEnvironment.WebIdentityTokenFile} is not set (nor WebIdentityTokenFile in the config)");
        RequireTokenFile(Mode, tokenFile);

        string? sessionName = options.RoleSessionName ?? environment.Get(AwsEnvironment.RoleSessionName);
        if (sessionName is not null && !AwsIdentityRules.IsValidSessionName(sessionName))
        {
            throw AwsErrors.IdentityMissing(Mode, $"role session name '{sessionName}' must be 2-64 characters of [A-Za-z0-9_+=,.@-]");
        }

        Uri? sts = StsEndpoint();
        var credentials = new WebIdentityCredentials(tokenFile, roleArn, sessionName, region, sts);
        string where = sts is null ? string.Empty : $" via {sts}";
        return new ResolvedAwsIdentity(Mode, $"irsa: role {roleArn}, token {tokenFile}{where}", credentials);
    }

    private ResolvedAwsIdentity PodIdentity()
    {
        const string Mode = "pod-identity";
        string uriText = environment.Get(AwsEnvironment.ContainerFullUri)
            ?? throw AwsErrors.IdentityMissing(Mode, $"{AwsEnvironment.ContainerFullUri} is not set");
        string tokenFile = environment.Get(AwsEnvironment.ContainerTokenFile)
            ?? throw AwsErrors.IdentityMissing(Mode, $"{AwsEnvironment.ContainerTokenFile} is not set");
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out Uri? uri) || !AwsIdentityRules.IsAllowedContainerUri(uri))
        {
            throw AwsErrors.IdentityMissing(Mode, $"{AwsEnvironment.ContainerFullUri} '{uriText}' must be an https URL or http to loopback, 169.254.170.2, 169.254.170.23 or [fd00:ec2::23]");
        }

        RequireTokenFile(Mode, tokenFile);

        // The SDK type reads both variables from the process environment itself (in its constructor, hence deferred) and
        // re-reads the token file on every fetch; in production our lookup is that same environment, so what was checked
        // above is what it uses. (Like every SDK, it prefers ECS's AWS_CONTAINER_CREDENTIALS_RELATIVE_URI when set.)
        return new ResolvedAwsIdentity(Mode, $"pod-identity: {uri}, token {tokenFile}", new DeferredCredentials(static () => new GenericContainerCredentials()));
    }

    // The web identity token travels in the request body: the same https-unless-loopback rule as Secrets Manager.
    // Also the endpoint of AssumeRole calls chained from this identity (AwsSecretsManagerBackend.CreateStsClient).
    public Uri? StsEndpoint()
    {
        if (options.StsServiceUrl is not null)
        {
            return CheckSts(nameof(AwsSecretsManagerOptions.StsServiceUrl), options.StsServiceUrl);
        }

        string name = environment.Get(AwsEnvironment.EndpointUrlSts) is null ? AwsEnvironment.EndpointUrl : AwsEnvironment.EndpointUrlSts;
        string? text = environment.Get(name);
        return text is null ? null
            : Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? CheckSts(name, uri)
            : throw AwsErrors.BadEndpoint(name, text);
    }

    private static Uri CheckSts(string setting, Uri uri) =>
        !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ? throw AwsErrors.BadEndpoint(setting, uri.OriginalString)
        : uri.Scheme == Uri.UriSchemeHttp && !AwsIdentityRules.IsLoopback(uri) ? throw AwsErrors.InsecureEndpoint(setting, uri)
        : uri;

    private static void RequireTokenFile(string mode, string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw AwsErrors.IdentityMissing(mode, $"token file path '{path}' must be absolute");
        }

        if (!File.Exists(path))
        {
            throw AwsErrors.IdentityMissing(mode, $"token file {path} does not exist");
        }
    }
}
