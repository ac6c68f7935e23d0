using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary><c>secretbroker check</c> performs the exchange once and reports it (endpoint, token file, version), never a token.</summary>
public class HuggingFaceOidcCheckTests
{
    [Fact]
    public async Task Check_exchanges_once_prints_the_backend_and_the_version_and_exits_0()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync();
        string config = setup.WriteConfig();

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        string[] lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal($"backend hub: huggingface-oidc {setup.Cloud.HuggingFaceUrl.ToString().TrimEnd('/')}, token file {setup.Cloud.HuggingFaceToken.Path}", lines[0]);
        // An exchanged token is a lease of its own (expires_in), not renewable: the status says so.
        Assert.Matches(@"^hf-token\s+hub\s+[0-9a-f]{16}\s+ok \(lease [0-9hms]+, not renewable\)$", lines[^1]);
        Assert.Single(setup.Issued);
        setup.AssertNoTokenIn(stdout + "\n" + stderr);
    }

    [Fact]
    public async Task Check_against_a_resource_that_does_not_trust_the_pod_fails_naming_the_OAuth_error_and_no_token()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync();
        setup.Cloud.HubTokens.Untrust(HubCloudSetup.Resource);
        string config = setup.WriteConfig();

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("invalid_grant", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Cloud.HuggingFaceToken.Current, stdout + stderr, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^hf-token\s+hub\s+", RegexOptions.Multiline), stdout);
    }
}
