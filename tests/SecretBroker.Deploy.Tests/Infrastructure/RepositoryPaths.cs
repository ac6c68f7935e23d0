using System.Reflection;

namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>Where the repository, the manifests, the schema checker and the built sidecar are (stamped at build time).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Deploy => Path.Combine(Root, "sidecar", "deploy");

    public static string SchemaChecker => Path.Combine(Root, "tests", "SecretBroker.Deploy.Tests", "schema");

    public static string SidecarDll => Path.Combine(Metadata("SidecarDirectory"), "secretbroker.dll");

    /// <summary>The dotnet host that runs the tests also runs the sidecar.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value ?? throw new InvalidOperationException($"no {key} metadata");
}
