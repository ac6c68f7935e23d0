using System.Reflection;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>Where the build put the real sidecar and where the repository is (stamped in at build time).</summary>
internal static class RepositoryPaths
{
    public static string SidecarDirectory { get; } = Metadata("SidecarDirectory");

    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string SidecarDll => Path.Combine(SidecarDirectory, "secretbroker.dll");

    public static string SidecarConsumerDll { get; } = Metadata("SidecarConsumerDll");

    /// <summary>The dotnet host that runs the tests also runs the sidecar.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value ?? throw new InvalidOperationException($"no {key} metadata");
}
