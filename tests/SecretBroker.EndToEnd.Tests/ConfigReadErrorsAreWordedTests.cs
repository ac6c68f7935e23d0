using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// The sidecar runs with <c>UseSystemResourceKeys</c> (as the AOT binary does), so a .NET exception text would print
/// as a resource key (<c>IO_PathNotFound_Path</c>): a config that cannot be read is explained in our words.
/// </summary>
public sealed class ConfigReadErrorsAreWordedTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public async Task A_missing_config_and_a_directory_as_config_are_explained_without_resource_keys(string command)
    {
        using var dir = TempDirectory.OnTmpfs();
        var missing = dir.Combine("missing", "secretbroker.yaml");

        var (missingExit, _, missingError) = await SidecarProcess.RunToEndAsync([command, "--config", missing], TimeSpan.FromSeconds(30));
        var (directoryExit, _, directoryError) = await SidecarProcess.RunToEndAsync([command, "--config", dir.Path], TimeSpan.FromSeconds(30));

        Assert.Equal(2, missingExit);
        Assert.Contains($"{missing}:0: cannot read the file: no such file", missingError, StringComparison.Ordinal);
        Assert.Equal(2, directoryExit);
        Assert.Contains($"{dir.Path}:0: cannot read the file: it is a directory; give the config file's path", directoryError, StringComparison.Ordinal);
        Assert.DoesNotMatch(ResourceKey, missingError + directoryError);
    }

    /// <summary>What a .NET resource key looks like: <c>IO_PathNotFound_Path</c>, <c>UnauthorizedAccess_IODenied_Path</c>.</summary>
    internal const string ResourceKey = @"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+(_[A-Za-z]+)*\b";
}
