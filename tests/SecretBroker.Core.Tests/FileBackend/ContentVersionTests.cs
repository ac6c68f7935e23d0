using System.Globalization;
using System.IO.Hashing;

using SecretBroker.FileBackend;
using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class ContentVersionTests
{
    private static readonly byte[] KeyA = [.. Enumerable.Range(0, 16).Select(static i => (byte)i)];
    private static readonly byte[] KeyB = [.. Enumerable.Range(100, 16).Select(static i => (byte)i)];

    [Fact]
    public async Task The_version_is_16_lowercase_hex_digits()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "hello");

        Assert.Matches("^[0-9a-f]{16}$", (await FetchOneAsync(dir.Path, Secret("a"))).Version);
    }

    [Fact]
    public async Task The_version_of_a_short_secret_is_not_its_unkeyed_hash_so_it_cannot_be_reversed_offline()
    {
        using var dir = new TempDirectory();
        dir.Write("pin", "123456");

        string unkeyed = XxHash3.HashToUInt64("123456"u8).ToString("x16", CultureInfo.InvariantCulture);
        Assert.NotEqual(unkeyed, (await FetchOneAsync(dir.Path, Secret("pin"))).Version);
        Assert.NotEqual(unkeyed, (await FetchKeyedAsync(dir.Path, "pin", KeyA)).Version);
    }

    [Fact]
    public async Task The_same_value_under_the_same_key_has_the_same_version_across_backend_instances()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "hello");

        Assert.Equal((await FetchKeyedAsync(dir.Path, "a", KeyA)).Version, (await FetchKeyedAsync(dir.Path, "a", KeyA)).Version);
    }

    [Fact]
    public async Task The_same_value_under_another_key_has_another_version()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "hello");

        Assert.NotEqual((await FetchKeyedAsync(dir.Path, "a", KeyA)).Version, (await FetchKeyedAsync(dir.Path, "a", KeyB)).Version);
    }

    [Fact]
    public async Task Without_a_key_versions_agree_within_the_process()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "hello");

        Assert.Equal((await FetchOneAsync(dir.Path, Secret("a"))).Version, (await FetchOneAsync(dir.Path, Secret("a"))).Version);
    }

    [Fact]
    public async Task A_key_of_the_wrong_length_fails_the_fetch_instead_of_versioning_with_it()
    {
        using var dir = new TempDirectory();
        dir.Write("a", "hello");

        await Assert.ThrowsAsync<ArgumentException>(() => FetchKeyedAsync(dir.Path, "a", new byte[8]));
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

    private static async Task<Backends.SecretFetchResult> FetchKeyedAsync(string path, string id, byte[] key)
    {
        var backend = new FileSecretBackend(new FileSecretBackendOptions { Path = path, VersionKey = () => key });
        Backends.SecretFetchResult result = Assert.Single(await backend.FetchAsync([Secret(id)], CancellationToken.None));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result;
    }
}
