namespace SecretBroker.Sidecar.Tests.Configuration;

public class OutputsTests
{
    [Fact]
    public void At_least_one_output_is_required()
    {
        string config = ConfigFixture.Valid.Replace("  files:\n    dir: /dev/shm/secretbroker-test", "  {}", StringComparison.Ordinal)
            .Replace("outputs:\n  {}", "outputs: {}", StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Contains(":9: outputs: at least one output is required", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("group: -1", "outputs.files.group: '-1' is not a group id")]
    [InlineData("group: staff", "outputs.files.group: 'staff' is not a group id")]
    [InlineData("requireTmpfs: maybe", "outputs.files.requireTmpfs: 'maybe' is not a boolean")]
    public void Output_values_are_checked(string line, string problem) =>
        Assert.Contains(":12: " + problem, ConfigFixture.Errors(ConfigFixture.Valid + "\n    " + line), StringComparison.Ordinal);

    [Fact]
    public void A_group_id_is_accepted()
    {
        Assert.Equal(2000, ConfigFixture.Load(ConfigFixture.Valid + "\n    group: 2000").Outputs.Files!.Group);
    }
}
