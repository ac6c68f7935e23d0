using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>An AWS backend whose identity is missing stops run and check with exit 2 before anything starts.</summary>
public class AwsIdentityFailsClosedTests
{
    private static string Config(TempDirectory dir, string output, string tokenFile) => dir.Write("secretbroker.yaml", $$"""
        backends:
          models:
            type: aws-secrets-manager
            region: us-west-2
            endpoint: http://127.0.0.1:9/
            stsEndpoint: http://127.0.0.1:9/
            identity: irsa
            roleArn: arn:aws:iam::111122223333:role/broker
            webIdentityTokenFile: {{tokenFile}}
        secrets:
          - name: hf-token
            backend: models
            id: prod/huggingface
        outputs:
          files: { dir: {{output}} }
        """);

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task A_missing_token_file_exits_2_naming_it_and_writes_nothing(string command)
    {
        using TempDirectory dir = new(onTmpfs: true);
        string output = Path.Combine(dir.Path, "out");
        string tokenFile = Path.Combine(dir.Path, "missing", "token");

        CliResult result = await new CliRunner().RunAsync(command, "--config", Config(dir, output, tokenFile));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"secretbroker {command}: the configuration cannot be used here; nothing was started", result.Error, StringComparison.Ordinal);
        Assert.Contains("secretbroker.yaml:2: backends.models: AWS identity 'irsa'", result.Error, StringComparison.Ordinal);
        Assert.Contains(tokenFile, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        if (command == "check")
        {
            Assert.Empty(result.Output);
        }
    }

    [Fact]
    public void The_backend_set_wraps_only_the_identity_failure_and_names_the_backend()
    {
        using TempDirectory dir = new();
        string tokenFile = Path.Combine(dir.Path, "token");
        SidecarSettings settings = SidecarSettingsLoader.Load(Config(dir, Path.Combine(dir.Path, "out"), tokenFile));

        BackendStartupException e = Assert.Throws<BackendStartupException>(() => SecretBackendSet.Create(settings));

        Assert.IsType<InvalidOperationException>(Assert.IsType<SecretBroker.Backends.SecretBackendSetupException>(e.InnerException).InnerException);
        Assert.StartsWith("backends.models: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(tokenFile, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_token_file_present_the_backend_is_built_and_describes_its_identity()
    {
        using TempDirectory dir = new();
        string tokenFile = dir.Write("token", "eyJ.not.read.at.build");
        SidecarSettings settings = SidecarSettingsLoader.Load(Config(dir, Path.Combine(dir.Path, "out"), tokenFile));

        using SecretBackendSet set = SecretBackendSet.Create(settings);

        string line = Assert.Single(set.Describe(settings));
        Assert.StartsWith("backend models: aws-secrets-manager us-west-2, identity irsa", line, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::111122223333:role/broker", line, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", line, StringComparison.Ordinal);
    }
}
