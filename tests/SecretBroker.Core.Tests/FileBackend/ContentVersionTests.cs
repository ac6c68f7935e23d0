using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class ContentVersionTests
{
    [Fact]
    public async Task The_version_is_16_lowercase_hex_digits_of_the_xxh3_hash()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "hello");

        string expected = System.IO.Hashing.XxHash3.HashToUInt64("hello"u8).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        string? version = (await FetchOneAsync(dir.Path, Secret("a"))).Version;
        Assert.Matches("^[0-9a-f]{16}$", version);
        Assert.Equal(expected, version);
    }

    [Fact]
    public async Task The_version_is_stable_for_the_same_content_and_changes_with_it()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "one");
        string? first = (await FetchOneAsync(dir.Path, Secret("a"))).Version;

        dir.Write("a", "one");
        string? same = (await FetchOneAsync(dir.Path, Secret("a"))).Version;
        dir.Write("a", "two");
        string? changed = (await FetchOneAsync(dir.Path, Secret("a"))).Version;

        Assert.Equal(first, same);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public async Task An_extracted_key_is_versioned_by_its_own_bytes()
    {
        using var dir = new TempDirectory();
        dir.Write("db", """{"user": "app", "password": "one"}""");
        string? before = (await FetchOneAsync(dir.Path, Secret("db", key: "user"))).Version;

        dir.Write("db", """{"user": "app", "password": "two"}""");
        string? after = (await FetchOneAsync(dir.Path, Secret("db", key: "user"))).Version;

        Assert.Equal(before, after);
    }
}
