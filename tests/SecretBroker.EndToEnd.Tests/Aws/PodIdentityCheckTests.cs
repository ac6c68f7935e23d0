using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary><c>secretbroker check</c> over EKS Pod Identity: it names what the agent reports, and no more.</summary>
public class PodIdentityCheckTests
{
    [Fact]
    public async Task Check_prints_the_agent_endpoint_and_the_account_it_reported_and_says_the_assumed_role_arn_is_not_reported()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string version = setup.PutToken(AwsCanary.New("POD_IDENTITY_CHECK"));
        string config = setup.WriteConfig(identity: "pod-identity");

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), environment: setup.PodIdentityEnvironment());

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        string[] lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(
            $"backend models: aws-secrets-manager us-west-2, identity pod-identity: {setup.Cloud.PodIdentityCredentialsUri}, token {setup.Cloud.PodIdentityToken.Path}, "
            + $"account {setup.Cloud.Options.AccountId} (the Pod Identity agent does not report the assumed-role ARN)",
            lines[0]);
        Assert.DoesNotContain("assumed-role/", stdout, StringComparison.Ordinal);
        Assert.Matches(@"^NAME\s+BACKEND\s+VERSION\s+STATUS$", lines[1]);
        Assert.Matches($@"^hf-token\s+models\s+{System.Text.RegularExpressions.Regex.Escape(version)}\s+ok$", lines[2]);
        AwsCanary.AssertNoLeak(stdout + "\n" + stderr, setup);
    }
}
