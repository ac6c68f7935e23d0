using System.Globalization;
using System.Text;
using SecretBroker.Emulators;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The local cloud started in-process, a tmpfs output directory and a config for one <c>aws-secrets-manager</c>
/// backend named <c>models</c>; <see cref="IrsaEnvironment"/> is what EKS would inject into the pod for IRSA.
/// </summary>
internal sealed class AwsCloudSetup : IAsyncDisposable
{
    public const string SecretId = "prod/huggingface";
    public const string FileName = "hf-token";

    private readonly TempDirectory _state;
    private readonly TempDirectory _output = TempDirectory.OnTmpfs();
    private readonly TempDirectory _config = TempDirectory.OnTmpfs();

    private AwsCloudSetup(LocalCloud cloud, TempDirectory state)
    {
        Cloud = cloud;
        _state = state;
    }

    public LocalCloud Cloud { get; }

    public string OutputDirectory => _output.Combine("secrets");

    public string ConfigPath => _config.Combine("secretbroker.yaml");

    public string OutputFile => Path.Combine(OutputDirectory, FileName);

    public static async Task<AwsCloudSetup> StartAsync()
    {
        TempDirectory state = TempDirectory.OnTmpfs();
        LocalCloud cloud = await LocalCloud.StartAsync(new LocalCloudOptions { StateDirectory = state.Path });
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

    /// <summary>Stores <paramref name="token"/> as the JSON secret <c>{"token": …}</c>; returns the new AWSCURRENT version id.</summary>
    public string PutToken(string token) => Cloud.Secrets.PutString(SecretId, "{\"token\":\"" + token + "\"}").VersionId;

    public string WriteConfig(string identity = "irsa", TimeSpan? refresh = null)
    {
        string yaml = new StringBuilder()
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
            .AppendLine(CultureInfo.InvariantCulture, $"    refresh: {(int)(refresh ?? TimeSpan.FromSeconds(1)).TotalMilliseconds}ms")
            .AppendLine("outputs:")
            .AppendLine("  files:")
            .AppendLine(CultureInfo.InvariantCulture, $"    dir: {OutputDirectory}")
            .ToString();
        File.WriteAllText(ConfigPath, yaml);
        return ConfigPath;
    }

    public string? ReadOutput() => Eventually.ReadOrNull(OutputFile);

    /// <summary>The secret access keys of every session the emulators issued so far (for canaries).</summary>
    public IReadOnlyList<string> SessionSecretKeys() => [.. Cloud.Sessions.All().Select(s => s.SecretAccessKey)];

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        _state.Dispose();
        _output.Dispose();
        _config.Dispose();
    }
}
