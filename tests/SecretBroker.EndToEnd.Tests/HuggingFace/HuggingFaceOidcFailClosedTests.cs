using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>A <c>huggingface-oidc</c> backend whose token file is missing, or projected for another audience: nothing starts, exit 2 naming the file.</summary>
public class HuggingFaceOidcFailClosedTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task A_missing_token_file_fails_closed_with_exit_2_naming_the_file(string command)
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync();
        string missing = Path.Combine(Path.GetTempPath(), "sb-e2e-no-such-dir-" + Guid.NewGuid().ToString("N"), "token");
        string config = setup.WriteConfig(tokenFile: missing);

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync([command, "--config", config], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 2, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("nothing was started", stderr, StringComparison.Ordinal);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "fail closed: the output directory must not be created");
        Assert.Empty(setup.Issued);
    }

    [Fact]
    public async Task A_token_projected_for_another_audience_fails_closed_naming_the_audience_and_not_the_token()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync();
        string config = setup.WriteConfig(tokenFile: setup.Cloud.IrsaToken.Path);

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 2, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains(setup.Cloud.IrsaToken.Path, stderr, StringComparison.Ordinal);
        Assert.Contains("[sts.amazonaws.com]", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Cloud.IrsaToken.Current, stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(0, setup.Cloud.Counters.Count("huggingface.TokenExchange"));
    }
}
