using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>
/// The config each rendering ships passes the real sidecar's own validation (`secretbroker check`): a typo in a
/// ConfigMap would render and pass the schema, then crash-loop the pod. Here the environment is not the pod's (no
/// identity, no tmpfs at /var/run/secretbroker), so `check` gets past the config and stops at the environment.
/// </summary>
public sealed class TheSidecarAcceptsEveryRenderedConfig(Xunit.Abstractions.ITestOutputHelper output)
{
    // Until the Azure backend is in the sidecar (src/SecretBroker.Azure, built on its own branch), a build without it
    // names the type as "not available in this version" and still checks every other line: such a config must have
    // no other problem. Once the type is known this never matches, and the full check below applies.
    private const string AzureNotYetBuilt = "backend type 'azure-key-vault' is not available in this version";

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

            string[] problems = [.. result.Stderr.Split('\n').Where(l => l.StartsWith(path + ":", StringComparison.Ordinal))];
            if (problems.Length > 0 && problems.All(p => p.Contains(AzureNotYetBuilt, StringComparison.Ordinal)))
            {
                output.WriteLine($"{name}: this sidecar build has no azure-key-vault backend yet, so only that backend's own keys went unchecked; every other line passed");
                Assert.Equal(2, result.ExitCode);
                return;
            }

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
