using SecretBroker.Backends;

namespace SecretBroker.Aws;

/// <summary>
/// The <c>aws-secrets-manager</c> backend type: its settings (<c>region</c>, <c>endpoint</c>, <c>stsEndpoint</c>,
/// <c>identity</c>, the IRSA overrides, <c>allowFallback</c>, <c>refreshMode</c>, <c>requestTimeout</c>), their
/// validation, and how the backend is built and described for <c>check</c>.
/// </summary>
public sealed class AwsSecretsManagerBackendType : SecretBackendType<AwsSecretsManagerOptions>
{
    private AwsSecretsManagerBackendType()
    {
    }

    /// <summary>The one instance.</summary>
    public static AwsSecretsManagerBackendType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "aws-secrets-manager";

    /// <inheritdoc/>
    public override SecretBackendSettingMap<AwsSecretsManagerOptions> Settings { get; } = new SecretBackendSettingMap<AwsSecretsManagerOptions>()
        .Text("region", (options, region) => options.Region = region.Trim())
        .Url("endpoint", (options, url) => options.ServiceUrl = url)
        .Url("stsEndpoint", (options, url) => options.StsServiceUrl = url)
        .Choice<AwsIdentityMode>(
            "identity",
            [new("auto", AwsIdentityMode.Auto), new("irsa", AwsIdentityMode.Irsa), new("pod-identity", AwsIdentityMode.PodIdentity)],
            (options, identity) => options.Identity = identity)
        .Text("roleArn", (options, arn) => options.RoleArn = arn)
        .Path("webIdentityTokenFile", (options, path) => options.WebIdentityTokenFile = path)
        .Text("roleSessionName", (options, name) => options.RoleSessionName = name)
        .Boolean("allowFallback", (options, allow) => options.AllowFallback = allow)
        .Choice<AwsRefreshMode>(
            "refreshMode",
            [new("batch", AwsRefreshMode.Batch), new("probe", AwsRefreshMode.Probe)],
            (options, mode) => options.RefreshMode = mode)
        .Duration("requestTimeout", (options, timeout) => options.RequestTimeout = timeout);

    /// <inheritdoc/>
    public override SecretBackendOptionsValidator<AwsSecretsManagerOptions> Validator { get; } = new AwsSecretsManagerOptionsValidator();

    /// <inheritdoc/>
    public override ISecretBackend Create(AwsSecretsManagerOptions options, SecretBackendContext context)
    {
        try
        {
            return new AwsSecretsManagerBackend(options);
        }
        catch (InvalidOperationException e)
        {
            // Fail closed: the identity's variables or token file are missing (the message names them).
            throw new SecretBackendSetupException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            // An endpoint the backend refuses (plain http to a non-loopback host) or a region it does not know.
            throw new SecretBackendSetupException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override string? Describe(AwsSecretsManagerOptions options, ISecretBackend backend) =>
        backend is AwsSecretsManagerBackend aws ? $"{TypeName} {options.Region}, identity {aws.Identity}" : null;
}
