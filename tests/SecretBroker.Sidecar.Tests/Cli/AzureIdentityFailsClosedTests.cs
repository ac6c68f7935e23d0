using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;

using Xunit.Abstractions;

namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>An Azure backend whose workload identity is missing stops run and check with exit 2 before anything starts.</summary>
public class AzureIdentityFailsClosedTests(ITestOutputHelper output)
{
    private static string Config(TempDirectory dir, string outputDir, string? tokenFile) => dir.Write("secretbroker.yaml", $$"""
        backends:
          kv:
            type: azure-key-vault
            vaultUri: https://127.0.0.1:9/
            clientId: 2b7e4f1a-3c5d-4e6f-9a8b-7c6d5e4f3a2b
            tenantId: 6f1c3c2e-9b1a-4d5e-8f70-5e3a2b1c0d9e
            authorityHost: https://127.0.0.1:9/
        {{(tokenFile is null ? string.Empty : $"    tokenFile: {tokenFile}\n")}}secrets:
          - name: hf-token
            backend: kv
            id: hf-token
        outputs:
          files: { dir: {{outputDir}} }
        """);

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task A_missing_AZURE_FEDERATED_TOKEN_FILE_exits_2_naming_it_and_writes_nothing(string command)
    {
        // The backend reads the process environment (as AKS's webhook sets it); this host must not have it.
        if (Environment.GetEnvironmentVariable("AZURE_FEDERATED_TOKEN_FILE") is { Length: > 0 })
        {
            output.WriteLine("not checked: this test host sets AZURE_FEDERATED_TOKEN_FILE, so it cannot be missing here");
            return;
        }

        using TempDirectory dir = new(onTmpfs: true);
        string outputDir = Path.Combine(dir.Path, "out");

        CliResult result = await new CliRunner().RunAsync(command, "--config", Config(dir, outputDir, tokenFile: null));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"secretbroker {command}: the configuration cannot be used here; nothing was started", result.Error, StringComparison.Ordinal);
        Assert.Contains("secretbroker.yaml:2: backends.kv: Azure identity 'workload-identity': AZURE_FEDERATED_TOKEN_FILE is not set (nor tokenFile in the config)", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputDir));
        if (command == "check")
        {
            Assert.Empty(result.Output);
        }
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task A_token_file_that_does_not_exist_exits_2_naming_it(string command)
    {
        using TempDirectory dir = new(onTmpfs: true);
        string outputDir = Path.Combine(dir.Path, "out");
        string tokenFile = Path.Combine(dir.Path, "missing", "azure-identity-token");

        CliResult result = await new CliRunner().RunAsync(command, "--config", Config(dir, outputDir, tokenFile));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"backends.kv: Azure identity 'workload-identity': token file {tokenFile} (tokenFile in the config) does not exist", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputDir));
    }

    [Fact]
    public void With_the_token_file_present_check_describes_the_identity_and_never_the_token()
    {
        using TempDirectory dir = new();
        string tokenFile = dir.Write("azure-identity-token", "eyJ.not.read.at.build");
        SidecarSettings settings = SidecarSettingsLoader.Load(Config(dir, Path.Combine(dir.Path, "out"), tokenFile));

        using SecretBackendSet set = SecretBackendSet.Create(settings);

        Assert.Equal(
            $"backend kv: azure-key-vault https://127.0.0.1:9/ identity workload-identity client 2b7e4f1a-3c5d-4e6f-9a8b-7c6d5e4f3a2b tenant 6f1c3c2e-9b1a-4d5e-8f70-5e3a2b1c0d9e token file {tokenFile} authority https://127.0.0.1:9/",
            Assert.Single(set.Describe(settings)));
    }
}
