using SecretBroker.Backends;

using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class TraversalTests
{
    [Theory]
    [InlineData("../outside")]
    [InlineData("sub/../../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("sub/..")]
    public async Task An_id_leaving_the_directory_is_rejected_permanently_naming_the_id(string id)
    {
        using var parent = new TempDirectory();
        parent.Write("outside", "must not be read");
        parent.Write("dir/sub/x", "x");
        string dir = Path.Combine(parent.Path, "dir");

        var result = await FetchOneAsync(dir, Secret(id, name: "s"));

        Assert.False(result.Succeeded);
        Assert.Equal(SecretErrorKind.Permanent, result.Error.Kind);
        Assert.Contains($"'{id}'", result.Error.Message, StringComparison.Ordinal);
    }
}
