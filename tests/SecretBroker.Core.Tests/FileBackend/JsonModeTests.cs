using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class JsonModeTests
{
    private const string Document = """{"plain": "s3cret", "number": 42, "object": {"user": "app", "n": [1, 2]}, "unicode": "é"}""";

    [Fact]
    public async Task A_string_value_is_its_utf8_text()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("secrets.json", Document);

        Assert.Equal("s3cret", (await FetchOneAsync(file, Secret("plain"))).Text());
        Assert.Equal("é"u8.ToArray(), (await FetchOneAsync(file, Secret("unicode"))).Value.ToArray());
    }

    [Fact]
    public async Task Any_other_value_is_its_raw_json_text()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("secrets.json", Document);

        Assert.Equal("42", (await FetchOneAsync(file, Secret("number"))).Text());
        Assert.Equal("""{"user": "app", "n": [1, 2]}""", (await FetchOneAsync(file, Secret("object"))).Text());
    }

    [Fact]
    public async Task A_corrupt_document_fails_the_whole_batch_as_transient_without_quoting_it()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("secrets.json", """{"plain": "s3cret", "other": Zhalf""");

        var ex = await Assert.ThrowsAsync<Backends.SecretBackendException>(() => FetchAsync(file, Secret("plain")));

        Assert.Equal(Backends.SecretErrorKind.Transient, ex.Kind);
        Assert.DoesNotContain("Z", ex.Message.Replace(file, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task A_document_that_is_not_an_object_is_a_permanent_error()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("secrets.json", "[1, 2]");

        var ex = await Assert.ThrowsAsync<Backends.SecretBackendException>(() => FetchAsync(file, Secret("plain")));

        Assert.Equal(Backends.SecretErrorKind.Permanent, ex.Kind);
    }
}
