namespace SecretBroker.Sidecar.Tests.Configuration;

public class MalformedFilesAreReportedWithTheirLineTests
{
    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void An_empty_file_is_an_error(string text) =>
        Assert.Contains("secretbroker.yaml:1: the file is empty", ConfigFixture.Errors(text), StringComparison.Ordinal);

    [Fact]
    public void A_YAML_syntax_error_reports_the_parsers_line()
    {
        string errors = ConfigFixture.Errors("backends:\n  local: { type: file, path: ./s }\nsecrets:\n  - name: [unclosed\n");

        Assert.Matches(@"secretbroker\.yaml:[45]: not valid YAML or JSON: ", errors);
    }

    [Fact]
    public void A_JSON_syntax_error_reports_its_line()
    {
        string errors = ConfigFixture.Errors("{\n  \"backends\": {\n    \"local\": { \"type\": \"file\" \"path\": \"x\" }\n  }\n}\n", "c.json");

        Assert.Matches(@"c\.json:3: not valid YAML or JSON: ", errors);
    }

    [Fact]
    public void A_list_at_the_top_is_an_error()
    {
        string errors = ConfigFixture.Errors("- backends\n- secrets\n");

        Assert.Contains("secretbroker.yaml:1: expected a mapping with backends, secrets and outputs, found a list", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backends:\n  - local", "backends: expected a mapping, found a list")]
    [InlineData("secrets:\n  name: x", "secrets: expected a list, found a mapping")]
    [InlineData("secrets:\n  - just-a-name", "secrets[0]: expected a mapping, found a value")]
    [InlineData("outputs: files", "outputs: expected a mapping, found a value")]
    [InlineData("outputs:\n  files:", "outputs.files: expected a mapping, found nothing")]
    [InlineData("secrets:\n  - name: [a, b]", "secrets[0].name: expected a single value, found a list")]
    public void A_node_of_the_wrong_kind_is_an_error_naming_the_key(string config, string problem)
    {
        string errors = ConfigFixture.Errors(config);

        Assert.Contains(problem, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_of_the_wrong_kind_is_reported_once_not_again_as_missing()
    {
        string config = ConfigFixture.Valid.Replace("  files:\n    dir: /dev/shm/secretbroker-test", "  files: [ /dev/shm/x ]", StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Equal(":10: outputs.files: expected a mapping, found a list", errors[errors.IndexOf(':', StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Aliases_are_rejected()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("id: hf-token", "id: &x hf-token\n    key: *x", StringComparison.Ordinal));

        Assert.Contains(":9: YAML aliases (*x) are not supported", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        var e = Assert.Throws<SecretBroker.Sidecar.Configuration.ConfigurationException>(
            () => SecretBroker.Sidecar.Configuration.SidecarSettingsLoader.Load("/does/not/exist.yaml"));

        Assert.StartsWith("/does/not/exist.yaml:0: cannot read the file: ", e.Message, StringComparison.Ordinal);
    }
}
