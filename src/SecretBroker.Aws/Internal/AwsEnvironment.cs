namespace SecretBroker.Aws.Internal;

/// <summary>The environment variable names this package reads (through an injectable lookup, so tests never touch the process).</summary>
internal static class AwsEnvironment
{
    public const string RoleArn = "AWS_ROLE_ARN";
    public const string WebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE";
    public const string RoleSessionName = "AWS_ROLE_SESSION_NAME";
    public const string ContainerFullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public const string ContainerTokenFile = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    public const string EndpointUrl = "AWS_ENDPOINT_URL";
    public const string EndpointUrlSts = "AWS_ENDPOINT_URL_STS";
    public const string EndpointUrlSecretsManager = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

    /// <summary>The process environment.</summary>
    public static Func<string, string?> Process { get; } = Environment.GetEnvironmentVariable;

    /// <summary>A variable's value, or <see langword="null"/> when unset or blank.</summary>
    public static string? Get(this Func<string, string?> environment, string name)
    {
        string? value = environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
