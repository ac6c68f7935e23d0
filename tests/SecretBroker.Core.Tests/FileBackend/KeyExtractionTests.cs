using SecretBroker.Backends;

using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class KeyExtractionTests
{
    [Fact]
    public async Task A_key_extracts_one_top_level_field_of_a_json_file()
    {
        using var dir = new TempDirectory();
        dir.Write("db", """{"username": "app", "port": 5432}""");

        Assert.Equal("app", (await FetchOneAsync(dir.Path, Secret("db", key: "username", name: "user"))).Text());
        Assert.Equal("5432", (await FetchOneAsync(dir.Path, Secret("db", key: "port", name: "port"))).Text());
    }

    [Fact]
    public async Task A_key_extracts_from_a_json_string_inside_a_json_document()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("secrets.json", """{"db": "{\"password\": \"pw\"}", "db2": {"password": "pw2"}}""");

        Assert.Equal("pw", (await FetchOneAsync(file, Secret("db", key: "password"))).Text());
        Assert.Equal("pw2", (await FetchOneAsync(file, Secret("db2", key: "password"))).Text());
    }

    [Fact]
    public async Task A_missing_key_is_a_permanent_error_naming_id_and_key_but_not_the_value()
    {
        using var dir = new TempDirectory();
        dir.Write("db", """{"username": "topsecretvalue"}""");

        var result = await FetchOneAsync(dir.Path, Secret("db", key: "password"));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.Contains("'db'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'password'", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecretvalue", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_is_not_json_is_a_permanent_error_that_does_not_quote_it()
    {
        using var dir = new TempDirectory();
        dir.Write("db", "Xtopsecretvalue");

        var result = await FetchOneAsync(dir.Path, Secret("db", key: "password"));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.DoesNotContain("topsecretvalue", result.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("'X'", result.Error.ToString(), StringComparison.Ordinal);
    }
}
