using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Tests.Cli;

public class VersionCommandTests
{
    [Fact]
    public async Task Version_prints_the_informational_version_commit_and_flavour_and_exits_0()
    {
        CliResult result = await new CliRunner().RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("secretbroker " + SidecarVersion.Informational, lines[0]);
        Assert.Equal("commit " + SidecarVersion.Commit, lines[1]);
        Assert.Equal("flavor all", lines[2]);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void The_build_stamps_the_commit_into_the_informational_version()
    {
        Assert.StartsWith("0.1.0+", SidecarVersion.Informational, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{7,40}$|^unknown$", SidecarVersion.Commit);
    }
}
