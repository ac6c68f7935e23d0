using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>`secretbroker check` and `secretbroker version` against the real process.</summary>
public sealed class CheckAndVersionCommandTests
{
    [Fact]
    public async Task Check_prints_every_secret_with_its_version_and_status_and_exits_0()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value_for_check");
        setup.SetSource("other", "other_value_for_check");
        var config = setup.WriteConfig(["hf-token", "other"], TimeSpan.FromSeconds(1));

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        var rows = stdout.Split('\n');
        Assert.Contains(rows, r => r.Contains("hf-token", StringComparison.Ordinal) && r.Contains("local", StringComparison.Ordinal) && r.Contains("ok", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows, r => r.Contains("other", StringComparison.Ordinal));
        Assert.DoesNotContain("hf_value_for_check", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("other_value_for_check", stdout + stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "check must not deliver anything");
    }

    [Fact]
    public async Task Check_exits_1_and_names_the_secret_when_one_cannot_be_fetched()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token", "missing-one"], TimeSpan.FromSeconds(1));

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains(stdout.Split('\n'), r => r.Contains("missing-one", StringComparison.Ordinal) && r.Contains("not found", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(stderr.Trim());
    }

    [Fact]
    public async Task Version_prints_the_version_and_commit_and_exits_0()
    {
        var (exitCode, stdout, _) = await SidecarProcess.RunToEndAsync(["version"], TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"secretbroker \d+\.\d+\.\d+", stdout);
        Assert.Matches("[0-9a-f]{7,}|unknown", stdout);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_with_exit_code_2()
    {
        var (exitCode, _, _) = await SidecarProcess.RunToEndAsync(["frobnicate"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
    }
}
