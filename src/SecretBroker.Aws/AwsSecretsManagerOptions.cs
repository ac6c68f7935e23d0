namespace SecretBroker.Aws;

/// <summary>Configuration of one <see cref="AwsSecretsManagerBackend"/>. Validated when the backend is created.</summary>
public sealed class AwsSecretsManagerOptions
{
    /// <summary>The AWS region holding the secrets, e.g. <c>us-west-2</c>. Required.</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>
    /// Secrets Manager endpoint override. When <see langword="null"/>: <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>, else
    /// <c>AWS_ENDPOINT_URL</c>, else <c>https://secretsmanager.&lt;region&gt;.amazonaws.com</c>.
    /// Must be <c>https</c> unless the host is loopback (127.0.0.0/8, ::1, <c>localhost</c>).
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Where credentials come from; <see cref="AwsIdentityMode.Auto"/> by default.</summary>
    public AwsIdentityMode Identity { get; set; } = AwsIdentityMode.Auto;

    /// <summary>IRSA: the role to assume; overrides <c>AWS_ROLE_ARN</c>.</summary>
    public string? RoleArn { get; set; }

    /// <summary>IRSA: absolute path of the projected token; overrides <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>.</summary>
    public string? WebIdentityTokenFile { get; set; }

    /// <summary>IRSA: the session name; overrides <c>AWS_ROLE_SESSION_NAME</c> (else the SDK picks one per process).</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>IRSA: STS endpoint override; else <c>AWS_ENDPOINT_URL_STS</c>, else <c>AWS_ENDPOINT_URL</c>, else the SDK's regional endpoint.</summary>
    public Uri? StsServiceUrl { get; set; }

    /// <summary>
    /// When the chosen (or detected) identity's variables are missing, use the AWS SDK default credential chain (which
    /// may reach node or instance credentials) instead of failing. <see langword="false"/> by default: fail closed.
    /// </summary>
    public bool AllowFallback { get; set; }

    /// <summary>Batch (default) or probe-then-fetch; see <see cref="AwsRefreshMode"/>.</summary>
    public AwsRefreshMode RefreshMode { get; set; } = AwsRefreshMode.Batch;

    /// <summary>Timeout of one Secrets Manager HTTP call (30 s by default); a timeout is a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
