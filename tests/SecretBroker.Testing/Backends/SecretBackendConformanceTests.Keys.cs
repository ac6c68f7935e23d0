using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>Key extraction: <see cref="SecretDefinition.Key"/> is one top-level field of a JSON value, the same on every backend.</summary>
public abstract partial class SecretBackendConformanceTests
{
    private const string JsonDocument = """{"username":"app","port":5432,"nested":{"a":1},"enabled":true}""";

    [Fact]
    public async Task A_key_extracts_one_top_level_field_of_a_JSON_value()
    {
        await PutSecretAsync("db", JsonDocument);

        IReadOnlyList<SecretFetchResult> results = await FetchAsync(
            Definition("db-username", "db", key: "username"),
            Definition("db-port", "db", key: "port"),
            Definition("db-nested", "db", key: "nested"),
            Definition("db-enabled", "db", key: "enabled"),
            Definition("db-whole", "db"));

        Assert.Equal("app", Text(results.Single(static r => r.Name == "db-username")));
        Assert.Equal("5432", Text(results.Single(static r => r.Name == "db-port")));
        Assert.Equal("""{"a":1}""", Text(results.Single(static r => r.Name == "db-nested")));
        Assert.Equal("true", Text(results.Single(static r => r.Name == "db-enabled")));
        Assert.Equal(JsonDocument, Text(results.Single(static r => r.Name == "db-whole")));
    }

    [Fact]
    public async Task A_missing_key_is_a_permanent_error_naming_the_id_and_the_key_but_no_value()
    {
        await PutSecretAsync("db", $$"""{"username":"{{Canary}}"}""");

        SecretBackendException error = await FailureOfAsync(Definition("db-password", "db", key: "password"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Contains("'db'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'password'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, Describe(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Canary)]
    [InlineData("[\"" + Canary + "\"]")]
    [InlineData("{\"token\":\"" + Canary + "\"")]
    public async Task A_key_asked_of_a_value_that_is_not_a_JSON_object_is_a_permanent_error_quoting_none_of_it(string value)
    {
        await PutSecretAsync("plain", value);

        SecretBackendException error = await FailureOfAsync(Definition("plain-token", "plain", key: "token"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Contains("'plain'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, Describe(error), StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", Describe(error), StringComparison.Ordinal);
    }
}
