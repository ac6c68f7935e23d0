using SecretBroker.Backends;

using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class NotFoundTests
{
    [Fact]
    public async Task A_missing_file_is_a_permanent_per_item_failure_naming_the_id_and_path()
    {
        using var dir = new TempDirectory();
        dir.Write("present", "x");

        var results = await FetchAsync(dir.Path, Secret("present"), Secret("absent"));

        Assert.True(results.Single(r => r.Name == "present").Succeeded);
        var absent = results.Single(r => r.Name == "absent");
        Assert.Equal(SecretErrorKind.Permanent, absent.Error!.Kind);
        Assert.Equal($"file backend: secret 'absent' not found in {dir.Path}", absent.Error.Message);
    }

    [Fact]
    public async Task A_missing_json_key_is_a_permanent_per_item_failure()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("secrets.json", """{"present": "x"}""");

        var results = await FetchAsync(file, Secret("present"), Secret("absent"));

        Assert.True(results.Single(r => r.Name == "present").Succeeded);
        Assert.Equal($"file backend: secret 'absent' not found in {file}", results.Single(r => r.Name == "absent").Error!.Message);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_fails_every_item_as_not_found()
    {
        using var dir = new TempDirectory();
        string missing = Path.Combine(dir.Path, "nothing-here");

        var results = await FetchAsync(missing, Secret("a"), Secret("b"));

        Assert.All(results, r => Assert.Equal(SecretErrorKind.Permanent, r.Error!.Kind));
    }
}
