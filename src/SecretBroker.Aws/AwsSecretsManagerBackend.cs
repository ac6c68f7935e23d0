using Amazon;
using Amazon.Runtime;

using SecretBroker.Aws.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Aws;

/// <summary>
/// Secrets from AWS Secrets Manager, signed with IRSA or EKS Pod Identity credentials. <see cref="SecretDefinition.Id"/>
/// is the <c>SecretId</c> (name or ARN); <see cref="SecretDefinition.Version"/> a stage label (default
/// <c>AWSCURRENT</c>) or a version id; <see cref="SecretDefinition.Key"/> one top-level field of a JSON
/// <c>SecretString</c>. The version reported for a value is its Secrets Manager <c>VersionId</c>.
/// </summary>
/// <remarks>
/// Identity is resolved when the backend is created and fails closed (see <see cref="AwsIdentityMode"/>); a bad
/// endpoint or missing region also fails there. One HTTP client per instance: dispose the backend to release it.
/// </remarks>
public sealed partial class AwsSecretsManagerBackend : ISecretBackend, IDisposable, IAsyncDisposable
{
    /// <summary>The most ids one <c>BatchGetSecretValue</c> call accepts.</summary>
    public const int MaxBatchSize = 20;

    private static readonly SecretBackendCapabilities BatchCapabilities = new(MaxBatchSize, SupportsProbe: false);
    private static readonly SecretBackendCapabilities ProbeCapabilities = new(MaxBatchSize, SupportsProbe: true);

    private readonly SecretsManagerClient _client;
    private readonly ResolvedAwsIdentity _identity;
    private readonly AwsSecretsManagerOptions _options;
    private readonly Func<string, string?> _environment;
    private readonly RegionEndpoint _region;

    /// <summary>Creates the backend from options and the process environment.</summary>
    /// <param name="options">Region (required), endpoints, identity and refresh mode.</param>
    /// <exception cref="ArgumentException">The region is missing, or an endpoint is malformed or plain http to a non-loopback host.</exception>
    /// <exception cref="InvalidOperationException">The identity's variables or token file are missing (the message names them).</exception>
    public AwsSecretsManagerBackend(AwsSecretsManagerOptions options)
        : this(options, AwsEnvironment.Process, new SocketsHttpHandler(), TimeProvider.System, credentials: null)
    {
    }

    /// <summary>The seam tests use: an environment lookup, the innermost HTTP handler, a clock, and optionally fixed credentials.</summary>
    internal AwsSecretsManagerBackend(AwsSecretsManagerOptions options, Func<string, string?> environment, HttpMessageHandler inner, TimeProvider time, AWSCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            throw AwsErrors.RegionRequired();
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            throw AwsErrors.BadTimeout(options.RequestTimeout);
        }

        RegionEndpoint region = RegionEndpoint.GetBySystemName(options.Region.Trim());
        Uri endpoint = SecretsManagerEndpoint.Resolve(options, environment);
        ResolvedAwsIdentity identity = credentials is null
            ? new AwsIdentityResolver(options, environment, region).Resolve()
            : new ResolvedAwsIdentity("static", "credentials supplied by the host", credentials);

        _identity = identity;
        _options = options;
        _environment = environment;
        _region = region;
        RefreshMode = options.RefreshMode;
        _client = new SecretsManagerClient(endpoint, identity.Credentials, region, inner, options.RequestTimeout, time);
    }

    /// <inheritdoc />
    public SecretBackendCapabilities Capabilities => RefreshMode == AwsRefreshMode.Probe ? ProbeCapabilities : BatchCapabilities;

    /// <summary>
    /// What identity signs the requests: mode, role ARN or credentials endpoint, token path, and what the credential
    /// source has reported so far (IRSA: the assumed-role ARN from the latest STS answer; Pod Identity: the account id
    /// the agent reported, as the agent reports no role ARN). Read it after a load to see the exchanged identity.
    /// Never a key or token.
    /// </summary>
    public string Identity => _identity.Describe();

    /// <summary>The refresh mode in force.</summary>
    public AwsRefreshMode RefreshMode { get; }

    /// <summary>The Secrets Manager endpoint in use.</summary>
    public Uri Endpoint => _client.Endpoint;

    /// <summary>
    /// A new STS client that signs with this backend's identity, for chaining it into another role
    /// (<c>sts:AssumeRole</c>): the backend's <c>stsEndpoint</c>, else <c>AWS_ENDPOINT_URL_STS</c> or
    /// <c>AWS_ENDPOINT_URL</c>, else the regional endpoint (https, or http to loopback only). The caller disposes it.
    /// </summary>
    /// <exception cref="ArgumentException">The STS endpoint setting is not a usable URL (the message names it).</exception>
    public Amazon.SecurityToken.AmazonSecurityTokenServiceClient CreateStsClient() =>
        new(_identity.Credentials, WebIdentityCredentials.StsConfig(_region, new AwsIdentityResolver(_options, _environment, _region).StsEndpoint()));

    /// <inheritdoc />
    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Releases the HTTP client and the credentials' STS client.</summary>
    public void Dispose()
    {
        _client.Dispose();

        // Only credentials this backend created; a host's own (or the SDK's shared default chain) are not ours.
        (_identity.Credentials as WebIdentityCredentials)?.Dispose();
    }

    /// <summary>Releases the HTTP client and the credentials' STS client.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
