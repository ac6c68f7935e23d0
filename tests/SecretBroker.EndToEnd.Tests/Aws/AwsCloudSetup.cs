using System.Globalization;
using System.Text;
using SecretBroker.Emulators;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The local cloud started in-process, a tmpfs output directory and a config for one <c>aws-secrets-manager</c>
/// backend named <c>models</c>; <see cref="IrsaEnvironment"/> and <see cref="PodIdentityEnvironment"/> are what EKS
/// would inject into the pod. Optionally the socket API and the loopback listener (port 0) are configured too.
/// </summary>
internal sealed class AwsCloudSetup : LocalCloudSetup
{
    public const string SecretId = "prod/huggingface";
    public const string FileName = "hf-token";

    private AwsCloudSetup(LocalCloud cloud, TempDirectory state)
        : base(cloud, state)
    {
    }

    public override string OutputFile => Path.Combine(OutputDirectory, FileName);

    /// <summary>Starts the local cloud; <paramref name="configure"/> may shorten lifetimes before it starts.</summary>
    public static async Task<AwsCloudSetup> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        (LocalCloud cloud, TempDirectory state) = await StartCloudAsync(configure);
        return new AwsCloudSetup(cloud, state);
    }

    /// <summary>The pod environment for IRSA, pointed at the emulators, with every other credential source shut off.</summary>
    public Dictionary<string, string> IrsaEnvironment(string? tokenFile = null) => new(StringComparer.Ordinal)
    {
        ["AWS_ROLE_ARN"] = Cloud.Options.RoleArn,
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile ?? Cloud.IrsaToken.Path,
        ["AWS_ENDPOINT_URL_STS"] = Cloud.StsUrl.ToString(),
        ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = Cloud.SecretsManagerUrl.ToString(),
        ["AWS_REGION"] = Cloud.Options.Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    /// <summary>The pod environment for EKS Pod Identity, pointed at the agent emulator, with every other credential source shut off.</summary>
    public Dictionary<string, string> PodIdentityEnvironment() => new(StringComparer.Ordinal)
    {
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = Cloud.PodIdentityCredentialsUri.ToString(),
        ["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = Cloud.PodIdentityToken.Path,
        ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = Cloud.SecretsManagerUrl.ToString(),
        ["AWS_REGION"] = Cloud.Options.Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    /// <summary>Stores <paramref name="token"/> as the JSON secret <c>{"token": …}</c>; returns the new AWSCURRENT version id.</summary>
    public string PutToken(string token) => Cloud.Secrets.PutString(SecretId, "{\"token\":\"" + token + "\"}").VersionId;

    /// <summary>Writes the config: files always; the socket API (<see cref="SocketPath"/>) and the loopback listener on request.</summary>
    public string WriteConfig(string identity = "irsa", TimeSpan? refresh = null, bool socket = false, bool http = false)
    {
        StringBuilder yaml = new StringBuilder()
            .AppendLine("backends:")
            .AppendLine("  models:")
            .AppendLine("    type: aws-secrets-manager")
            .AppendLine("    region: us-west-2")
            .AppendLine(CultureInfo.InvariantCulture, $"    identity: {identity}")
            .AppendLine("secrets:")
            .AppendLine(CultureInfo.InvariantCulture, $"  - name: {FileName}")
            .AppendLine("    backend: models")
            .AppendLine(CultureInfo.InvariantCulture, $"    id: {SecretId}")
            .AppendLine("    key: token")
            .AppendLine(CultureInfo.InvariantCulture, $"    refresh: {(int)(refresh ?? TimeSpan.FromSeconds(1)).TotalMilliseconds}ms");
        return WriteWithOutputs(yaml, socket, http);
    }

    /// <summary>Secrets Manager requests so far (every operation, every outcome), as the emulator counted them.</summary>
    public long SecretsManagerRequests() => Cloud.Counters.Snapshot()
        .Where(o => o.Key.StartsWith("secretsmanager.", StringComparison.Ordinal))
        .Sum(o => o.Value.Values.Sum());

    /// <summary>Secrets Manager requests refused with <paramref name="outcome"/> (e.g. <c>ExpiredTokenException</c>, <c>fault:drop</c>).</summary>
    public long SecretsManagerRequests(string outcome) => Cloud.Counters.Snapshot()
        .Where(o => o.Key.StartsWith("secretsmanager.", StringComparison.Ordinal))
        .Sum(o => o.Value.GetValueOrDefault(outcome));
}
