namespace SecretBroker.Sidecar.Tests.Configuration;

public class DuplicateKeysAreRejectedTests
{
    [Fact]
    public void A_key_given_twice_in_one_mapping_is_an_error_with_both_lines()
    {
        string config = ConfigFixture.Valid.Replace("    id: hf-token", "    id: hf-token\n    id: other", StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Contains(":9: secrets[0].id: duplicate key (first given on line 8)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_defined_twice_is_an_error()
    {
        string config = ConfigFixture.Valid.Replace("backends:", "backends:\n  local: { type: file, path: /a }", StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Contains(":3: backends.local: duplicate key (first given on line 2)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_in_JSON_are_rejected_too()
    {
        string errors = ConfigFixture.Errors("""{ "secrets": [], "secrets": [] }""", "c.json");

        Assert.Contains("c.json:1: secrets: duplicate key", errors, StringComparison.Ordinal);
    }
}
