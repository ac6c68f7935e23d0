using SecretBroker.Sidecar.Hosting;
using SecretBroker.Vault;

namespace SecretBroker.Sidecar.Tests.Hosting;

/// <summary>
/// The vault login rate limit kept on the tmpfs volume: a restarted sidecar (a new instance over the same directory)
/// starts from the level the last one left, not from a full bucket; hostile or odd files there are not trusted and never
/// followed.
/// </summary>
public sealed class VaultLoginBucketFileTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_restart_reads_the_level_the_last_process_saved()
    {
        using TempDirectory dir = new(onTmpfs: true);
        using CollectingLoggerProvider logs = new();

        new VaultLoginBucketFile(dir.Path, "vault", logs.CreateLogger("t")).Save(new VaultLoginBucketState(0.25, At));
        VaultLoginBucketState? loaded = new VaultLoginBucketFile(dir.Path, "vault", logs.CreateLogger("t")).Load();

        Assert.Equal(new VaultLoginBucketState(0.25, At), loaded);
        string path = Path.Combine(dir.Path, "..vault-logins-vault");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public void Each_backend_has_its_own_file_and_none_is_a_full_bucket()
    {
        using TempDirectory dir = new(onTmpfs: true);
        using CollectingLoggerProvider logs = new();
        new VaultLoginBucketFile(dir.Path, "a", logs.CreateLogger("t")).Save(new VaultLoginBucketState(1, At));

        Assert.Null(new VaultLoginBucketFile(dir.Path, "b", logs.CreateLogger("t")).Load());
        Assert.Equal(1, new VaultLoginBucketFile(dir.Path, "a", logs.CreateLogger("t")).Load()!.Value.Tokens);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1 NaN 1893499200000")]
    [InlineData("v1 1 -5")]
    [InlineData("v2 1 1893499200000")]
    public void Content_it_did_not_write_is_ignored_with_a_warning(string content)
    {
        using TempDirectory dir = new(onTmpfs: true);
        using CollectingLoggerProvider logs = new();
        string path = dir.Write("..vault-logins-vault", content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Null(new VaultLoginBucketFile(dir.Path, "vault", logs.CreateLogger("t")).Load());
        Assert.Contains(logs.Entries, e => e.EventId == 3085 && e.Message.Contains("does not hold the expected content", StringComparison.Ordinal));
    }

    [Fact]
    public void A_symlink_or_an_open_mode_is_not_trusted_and_saving_replaces_the_link_not_its_target()
    {
        using TempDirectory dir = new(onTmpfs: true);
        using CollectingLoggerProvider logs = new();
        string target = dir.Write("elsewhere", "v1 0 1893499200000");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string path = Path.Combine(dir.Path, "..vault-logins-vault");
        File.CreateSymbolicLink(path, target);
        File.CreateSymbolicLink(path + ".tmp", target);

        VaultLoginBucketFile store = new(dir.Path, "vault", logs.CreateLogger("t"));
        Assert.Null(store.Load());
        store.Save(new VaultLoginBucketState(2, At));

        Assert.Equal("v1 0 1893499200000", File.ReadAllText(target));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(2, new VaultLoginBucketFile(dir.Path, "vault", logs.CreateLogger("t")).Load()!.Value.Tokens);

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite);
        Assert.Null(new VaultLoginBucketFile(dir.Path, "vault", logs.CreateLogger("t")).Load());
        Assert.Contains(logs.Entries, e => e.EventId == 3085 && e.Message.Contains("its mode gives others access to it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_it_cannot_write_keeps_the_level_in_memory_and_warns_once()
    {
        using TempDirectory dir = new(onTmpfs: true);
        using CollectingLoggerProvider logs = new();
        string missing = Path.Combine(dir.Path, "not-there");
        VaultLoginBucketFile store = new(missing, "vault", logs.CreateLogger("t"));

        store.Save(new VaultLoginBucketState(1, At));
        store.Save(new VaultLoginBucketState(0, At.AddSeconds(1)));

        Assert.Equal(new VaultLoginBucketState(0, At.AddSeconds(1)), store.Load());
        Assert.Single(logs.Entries, e => e.EventId == 3086);
    }
}
