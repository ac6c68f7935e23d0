using SecretBroker.Sidecar.Tests.Configuration;

namespace SecretBroker.Sidecar.Tests.Cli;

public class BadConfigExits2WithNothingWrittenTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task An_invalid_config_exits_2_naming_the_key_and_line_and_creates_no_output_directory(string command)
    {
        using TempDirectory dir = new(onTmpfs: true);
        string output = Path.Combine(dir.Path, "out");
        string config = dir.Write("secretbroker.yaml", ConfigFixture.Valid
            .Replace("/dev/shm/secretbroker-test", output, StringComparison.Ordinal)
            .Replace("    id: hf-token", "    id: hf-token\n    refresh: 5x", StringComparison.Ordinal));

        CliResult result = await new CliRunner().RunAsync(command, "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(config + ":9: secrets[0].refresh: '5x' is not a duration", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task SECRETBROKER_CONFIG_stands_in_for_the_config_option()
    {
        using TempDirectory dir = new();
        string config = dir.Write("secretbroker.yaml", "secrets: []");
        CliRunner cli = new();
        cli.Environment["SECRETBROKER_CONFIG"] = config;

        CliResult result = await cli.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(config + ":1: secrets: at least one secret is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_option_wins_over_SECRETBROKER_CONFIG()
    {
        using TempDirectory dir = new();
        string chosen = dir.Write("chosen.yaml", "secrets: []");
        CliRunner cli = new();
        cli.Environment["SECRETBROKER_CONFIG"] = dir.Write("ignored.yaml", "secrets: []");

        CliResult result = await cli.RunAsync("check", "--config", chosen);

        Assert.Contains("chosen.yaml:1:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_exits_2()
    {
        CliResult result = await new CliRunner().RunAsync("run", "--config", "/does/not/exist.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/does/not/exist.yaml:0: cannot read the file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_log_level_exits_2_before_anything_starts()
    {
        using TempDirectory dir = new(onTmpfs: true);
        string output = Path.Combine(dir.Path, "out");
        string config = dir.Write("secretbroker.yaml", ConfigFixture.Valid.Replace("/dev/shm/secretbroker-test", output, StringComparison.Ordinal));
        CliRunner cli = new();
        cli.Environment["SECRETBROKER_LOG_LEVEL"] = "chatty";

        CliResult result = await cli.RunAsync("run", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SECRETBROKER_LOG_LEVEL 'chatty' is not a log level", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
