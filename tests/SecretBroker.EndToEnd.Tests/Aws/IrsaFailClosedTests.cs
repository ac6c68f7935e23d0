using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>IRSA named in the config but its token file missing: nothing starts, and the message names the file.</summary>
public class IrsaFailClosedTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task Irsa_with_a_missing_token_file_fails_closed_with_exit_2_naming_the_file(string command)
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        setup.PutToken(AwsCanary.New("FAIL_CLOSED"));
        string config = setup.WriteConfig(identity: "irsa");
        string missing = Path.Combine(Path.GetTempPath(), "sb-e2e-no-such-dir-" + Guid.NewGuid().ToString("N"), "token");

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync([command, "--config", config], TimeSpan.FromSeconds(30), environment: setup.IrsaEnvironment(tokenFile: missing));

        Assert.True(exitCode == 2, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("nothing was started", stderr, StringComparison.Ordinal);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "fail closed: the output directory must not be created");
        Assert.Empty(setup.Cloud.Sessions.All());
        Assert.DoesNotContain(AwsCanary.Prefix, stdout + stderr, StringComparison.Ordinal);
    }
}
