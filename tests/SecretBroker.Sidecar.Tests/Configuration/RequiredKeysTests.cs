namespace SecretBroker.Sidecar.Tests.Configuration;

public class RequiredKeysTests
{
    [Theory]
    [InlineData("    backend: local\n", "", ":6: secrets[0].backend: is required")]
    [InlineData("    id: hf-token\n", "", ":6: secrets[0].id: is required")]
    [InlineData("  - name: hf-token\n    backend", "  - backend", ":6: secrets[0].name: is required")]
    [InlineData("    dir: /dev/shm/secretbroker-test", "    fileMode: \"0440\"", ":10: outputs.files.dir: is required")]
    public void A_missing_required_key_is_an_error_on_its_parents_line(string find, string replacement, string problem)
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace(find, replacement, StringComparison.Ordinal));

        Assert.Contains(problem, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicitly_empty_required_value_is_an_error_on_its_own_line()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("id: hf-token", "id:", StringComparison.Ordinal));

        Assert.Contains(":8: secrets[0].id: is required", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backends:\n  local:\n    type: file\n    path: ./secrets\n", "secrets: is required")]
    [InlineData("secrets:\n  - name: a\n", "backends: is required")]
    [InlineData("secrets: []\n", "secrets: at least one secret is required")]
    [InlineData("backends: {}\n", "backends: at least one backend is required")]
    [InlineData("backends: {}\n", "outputs: is required")]
    public void Each_section_is_required(string config, string problem) =>
        Assert.Contains(problem, ConfigFixture.Errors(config), StringComparison.Ordinal);

    [Theory]
    [InlineData("required: yes", ":9: secrets[0].required: 'yes' is not a boolean (use true or false)")]
    [InlineData("key: \"\"", ":9: secrets[0].key: must not be empty")]
    public void Optional_keys_are_still_checked_when_given(string line, string problem)
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("    id: hf-token", "    id: hf-token\n    " + line, StringComparison.Ordinal));

        Assert.Contains(problem, errors, StringComparison.Ordinal);
    }
}
