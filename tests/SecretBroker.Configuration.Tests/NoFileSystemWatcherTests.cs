using System.Reflection;
using Microsoft.Extensions.FileProviders;
using SecretBroker.Aws;

namespace SecretBroker.Configuration.Tests;

/// <summary>
/// No FileSystemWatcher anywhere in what ships: inotify watches are a per-user kernel budget, miss changes on some
/// volumes and fire on every intermediate write. Every change is found on the clock instead.
/// </summary>
public sealed class NoFileSystemWatcherTests
{
    private const string WatcherAssembly = "System.IO.FileSystem.Watcher";

    [Fact]
    public void The_control_an_assembly_that_watches_references_the_watcher_assembly()
    {
        Assert.Contains(WatcherAssembly, References(typeof(PhysicalFileProvider).Assembly));
    }

    [Fact]
    public void No_shipped_assembly_references_the_watcher_assembly()
    {
        foreach (Assembly shipped in (Assembly[])[typeof(SecretBrokerConfigurationSource).Assembly, typeof(SecretRefreshEngine).Assembly, typeof(AwsSecretsManagerBackend).Assembly])
        {
            Assert.DoesNotContain(WatcherAssembly, References(shipped));
        }
    }

    private static string?[] References(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(static name => name.Name)];
}
