using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>Runs the real sidecar's `check` on a config text (the built secretbroker, as the generated-config tests do).</summary>
internal static class SidecarCheck
{
    public static async Task<Tool.Result> RunAsync(string config)
    {
        string path = Path.Combine(Path.GetTempPath(), $"secretbroker-injected-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, config);
        try
        {
            return await Tool.RunAsync(RepositoryPaths.DotnetHost, [RepositoryPaths.SidecarDll, "check", "--config", path]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
