namespace SecretBroker.Sidecar.Tests.Configuration;

public class SecretNamesAreValidAndUniqueTests
{
    [Fact]
    public void Two_secrets_with_the_same_name_are_an_error_pointing_at_the_second()
    {
        string config = ConfigFixture.Valid.Replace(
            "outputs:",
            "  - name: hf-token\n    backend: local\n    id: other\noutputs:",
            StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Contains(":9: secrets[1].name: secret name 'hf-token' is already used on line 6", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HF-Token")]
    [InlineData("../etc/passwd")]
    [InlineData("..data")]
    [InlineData("a/b")]
    public void A_name_outside_the_pattern_is_an_error(string name)
    {
        string config = ConfigFixture.Valid.Replace("- name: hf-token", "- name: \"" + name + "\"", StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Contains(":6: secrets[0].name: '" + name + "' is not a valid secret name (pattern [a-z0-9]([a-z0-9._-]*[a-z0-9])?", errors, StringComparison.Ordinal);
    }
}
