using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The real <c>secretbroker</c> process against the in-process local cloud, over IRSA: projected token → STS
/// AssumeRoleWithWebIdentity → SigV4-signed Secrets Manager calls → the <c>hf-token</c> file.
/// </summary>
public class AwsIrsaEndToEndTests
{
    private const string Canary = "hf_canary_AWS_MUST_NOT_BE_LOGGED_7731";
    private const string RotatedCanary = "hf_canary_AWS_ROTATED_MUST_NOT_BE_LOGGED_9146";
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Irsa_delivers_the_secret_to_the_file_and_a_new_AWSCURRENT_within_refresh_plus_1s_and_never_logs_a_value_or_key()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        setup.PutToken(Canary);
        string config = setup.WriteConfig(refresh: Refresh);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await Eventually.HoldsAsync(() => setup.ReadOutput() == Canary, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}\nstderr:\n{sidecar.StandardError}");
        Assert.Contains(setup.Cloud.Sessions.All(), s => s.RoleArn == setup.Cloud.Options.RoleArn);

        setup.PutToken(RotatedCanary);
        TimeSpan took = await Eventually.HoldsAsync(() => setup.ReadOutput() == RotatedCanary, TimeSpan.FromSeconds(15), $"hf-token = the new AWSCURRENT.\nstdout:\n{sidecar.StandardOutput}");
        Assert.True(took <= Refresh + TimeSpan.FromSeconds(1), $"the new AWSCURRENT took {took.TotalMilliseconds:0} ms to reach the file (refresh {Refresh.TotalSeconds} s + 1 s)");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup.SessionSecretKeys());
    }

    [Fact]
    public async Task Check_against_the_emulator_prints_the_role_arn_the_assumed_role_arn_and_the_version_and_exits_0()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string version = setup.PutToken(Canary);
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
        Assert.Matches($@"^hf-token\s+models\s+{System.Text.RegularExpressions.Regex.Escape(version)}\s+ok$", lines[2]);
        AssertNoLeak(stdout + "\n" + stderr, setup.SessionSecretKeys());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task Irsa_with_a_missing_token_file_fails_closed_with_exit_2_naming_the_file(string command)
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        setup.PutToken(Canary);
        string config = setup.WriteConfig(identity: "irsa");
        string missing = Path.Combine(Path.GetTempPath(), "sb-e2e-no-such-dir-" + Guid.NewGuid().ToString("N"), "token");

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync([command, "--config", config], TimeSpan.FromSeconds(30), environment: setup.IrsaEnvironment(tokenFile: missing));

        Assert.True(exitCode == 2, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("nothing was started", stderr, StringComparison.Ordinal);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "fail closed: the output directory must not be created");
        Assert.Empty(setup.Cloud.Sessions.All());
        Assert.DoesNotContain(Canary, stdout + stderr, StringComparison.Ordinal);
    }

    private static void AssertNoLeak(string logs, IReadOnlyList<string> sessionSecretKeys)
    {
        Assert.NotEmpty(sessionSecretKeys);
        Assert.DoesNotContain(Canary, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(RotatedCanary, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("hf_canary", logs, StringComparison.Ordinal);
        foreach (string key in sessionSecretKeys)
        {
            Assert.DoesNotContain(key, logs, StringComparison.Ordinal);
        }
    }
}
