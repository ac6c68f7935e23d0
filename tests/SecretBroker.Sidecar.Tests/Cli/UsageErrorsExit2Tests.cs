namespace SecretBroker.Sidecar.Tests.Cli;

public class UsageErrorsExit2Tests
{
    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task Without_config_option_or_environment_variable_the_command_exits_2(string command)
    {
        CliResult result = await new CliRunner().RunAsync(command);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pass --config FILE or set SECRETBROKER_CONFIG", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("run", "--config")]
    [InlineData("run", "--konfig", "x.yaml")]
    [InlineData("version", "extra")]
    public async Task Unknown_commands_and_malformed_arguments_exit_2(params string[] args)
    {
        CliResult result = await new CliRunner().RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("secretbroker --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        CliResult result = await new CliRunner().RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("check", result.Output, StringComparison.Ordinal);
    }
}
