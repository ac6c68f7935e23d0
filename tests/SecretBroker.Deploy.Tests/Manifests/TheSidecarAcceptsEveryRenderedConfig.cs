using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>
/// The config each rendering ships passes the real sidecar's own validation (`secretbroker check`): a typo in a
/// ConfigMap would render and pass the schema, then crash-loop the pod. Here the environment is not the pod's (no
/// identity, no tmpfs at /var/run/secretbroker), so `check` gets past the config and stops at the environment.
/// </summary>
public sealed class TheSidecarAcceptsEveryRenderedConfig
{
    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task Its_config_is_valid_and_only_the_environment_is_missing(string name)
    {
        SidecarConfig config = SidecarConfig.Of(await RenderedManifests.RenderAsync(name));
        string path = Path.Combine(Path.GetTempPath(), $"secretbroker-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, config.Text);
        try
        {
            Tool.Result result = await Tool.RunAsync(RepositoryPaths.DotnetHost, [RepositoryPaths.SidecarDll, "check", "--config", path]);

            Assert.DoesNotContain("invalid configuration", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("the configuration cannot be used here", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_config_with_a_typo_is_refused_as_invalid()
    {
        SidecarConfig config = SidecarConfig.Of(await RenderedManifests.RenderAsync("base"));
        string path = Path.Combine(Path.GetTempPath(), $"secretbroker-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, config.Text.Replace("allowSharedDir:", "allowSharedDirs:", StringComparison.Ordinal));
        try
        {
            Tool.Result result = await Tool.RunAsync(RepositoryPaths.DotnetHost, [RepositoryPaths.SidecarDll, "check", "--config", path]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("invalid configuration", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
