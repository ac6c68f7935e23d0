using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class DirectoryModeTests
{
    [Fact]
    public async Task Each_secret_is_the_exact_content_of_its_file()
    {
        using var dir = new TempDirectory();
        dir.Write("db-password", "hunter2\n");
        dir.Write("nested/api-key", "abc");

        var results = await FetchAsync(dir.Path, Secret("db-password"), Secret("nested/api-key"));

        Assert.Equal("hunter2\n", results.Single(r => r.Name == "db-password").Text());
        Assert.Equal("abc", results.Single(r => r.Name == "nested-api-key").Text());
    }

    [Fact]
    public async Task Files_are_read_through_kubelet_style_symlinks()
    {
        using var dir = new TempDirectory();
        dir.Write("..2030_01_01_00_00_00.1/token", "jwt");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "..data"), "..2030_01_01_00_00_00.1");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "token"), "..data/token");

        Assert.Equal("jwt", (await FetchOneAsync(dir.Path, Secret("token"))).Text());
    }

    [Fact]
    public async Task A_file_over_one_mebibyte_is_a_permanent_error()
    {
        using var dir = new TempDirectory();
        dir.Write("big", new string('x', (1024 * 1024) + 1));

        var result = await FetchOneAsync(dir.Path, Secret("big"));

        Assert.False(result.Succeeded);
        Assert.Equal(Backends.SecretErrorKind.Permanent, result.Error.Kind);
    }

    [Fact]
    public async Task Capabilities_allow_one_batch_without_probe_or_leases()
    {
        var backend = new SecretBroker.FileBackend.FileSecretBackend(new() { Path = "/nonexistent" });

        Assert.Equal(int.MaxValue, backend.Capabilities.MaxBatchSize);
        Assert.False(backend.Capabilities.SupportsProbe);
        Assert.False(backend.Capabilities.SupportsLeaseRenewal);
        await Task.CompletedTask;
    }
}
