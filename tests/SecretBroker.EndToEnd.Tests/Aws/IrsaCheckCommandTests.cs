using System.Text.RegularExpressions;

using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary><c>secretbroker check</c> over IRSA names the role asked for and the role STS says was assumed.</summary>
public class IrsaCheckCommandTests
{
    [Fact]
    public async Task Check_against_the_emulator_prints_the_role_arn_the_assumed_role_arn_and_the_version_and_exits_0()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string version = setup.PutToken(AwsCanary.New("CHECK"));
        string config = setup.WriteConfig();

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), environment: setup.IrsaEnvironment());

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        string[] lines = stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("backend models: aws-secrets-manager us-west-2, identity irsa", lines[0], StringComparison.Ordinal);
        Assert.Contains("role " + setup.Cloud.Options.RoleArn + ",", lines[0], StringComparison.Ordinal);
        string assumed = Assert.Single(setup.Cloud.Sessions.All()).AssumedRoleArn!;
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/broker/", assumed, StringComparison.Ordinal);
        Assert.EndsWith(", assumed role " + assumed, lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^NAME\s+BACKEND\s+VERSION\s+STATUS$", lines[1]);
        Assert.Matches($@"^hf-token\s+models\s+{Regex.Escape(version)}\s+ok$", lines[2]);
        AwsCanary.AssertNoLeak(stdout + "\n" + stderr, setup);
    }
}
