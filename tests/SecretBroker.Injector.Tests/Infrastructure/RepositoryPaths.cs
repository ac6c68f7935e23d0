using System.Reflection;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>Where the repository is (stamped in at build time) and which dotnet host runs the tests.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "RepositoryRoot").Value!;

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
