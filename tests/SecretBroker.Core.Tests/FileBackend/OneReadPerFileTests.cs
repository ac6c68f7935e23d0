using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class OneReadPerFileTests
{
    [Fact]
    public async Task Two_definitions_of_one_file_in_directory_mode_are_served_from_one_read()
    {
        // /proc/self/io is a regular file whose rchar grows with every read, this one included: two reads of it can
        // never be equal, so equal values prove that one read served both definitions.
        Assert.True(File.Exists("/proc/self/io"), "this test needs Linux /proc/self/io, whose content changes on every read");
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "io"), "/proc/self/io");

        var results = await FetchAsync(dir.Path, Secret("io", name: "first"), Secret("io", name: "second"));

        string first = results.Single(r => r.Name == "first").Text();
        Assert.Contains("rchar:", first, StringComparison.Ordinal);
        Assert.Equal(first, results.Single(r => r.Name == "second").Text());
        Assert.Equal(results[0].Version, results[1].Version);
    }
}
