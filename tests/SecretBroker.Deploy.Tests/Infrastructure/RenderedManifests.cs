using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>
/// Every kustomization a user can build under sidecar/deploy — the base and each overlay (components only render
/// inside an overlay) — and every sample that ships one (samples/inference), rendered once per test run.
/// </summary>
internal static class RenderedManifests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendering>>> Cache = new();

    public sealed record Rendering(string Name, string Yaml, IReadOnlyList<JsonObject> Objects)
    {
        public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

        public JsonObject Single(string kind) => Assert.Single(OfKind(kind));
    }

    /// <summary>The kustomizations under sidecar/deploy, relative to it: "base", "overlays/irsa-example", …</summary>
    public static IReadOnlyList<string> DeployNames { get; } =
    [
        "base",
        .. Directory.GetDirectories(Path.Combine(RepositoryPaths.Deploy, "overlays"))
            .Where(d => File.Exists(Path.Combine(d, "kustomization.yaml")))
            .Select(d => "overlays/" + Path.GetFileName(d))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// <see cref="DeployNames"/> and the samples that ship a kustomization, relative to the repository
    /// ("samples/inference"): a sample's pod follows the generic rules (schema, Pod Security, the native sidecar),
    /// not the base's layout (its app may take ingress, reach the model store, use no socket).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. DeployNames,
        .. Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "samples"))
            .Where(d => File.Exists(Path.Combine(d, "kustomization.yaml")))
            .Select(d => "samples/" + Path.GetFileName(d))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Every kustomization: the deploy ones and the samples'.</summary>
    public static TheoryData<string> All => [.. Names];

    /// <summary>The base and the overlays under sidecar/deploy only.</summary>
    public static TheoryData<string> Deploy => [.. DeployNames];

    public static Task<Rendering> RenderAsync(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<Task<Rendering>>(() => Render(n))).Value;

    private static async Task<Rendering> Render(string name)
    {
        string yaml = await Kustomize.RenderAsync(Path.Combine(name.StartsWith("samples/", StringComparison.Ordinal) ? RepositoryPaths.Root : RepositoryPaths.Deploy, name));
        return new Rendering(name, yaml, YamlDocuments.Parse(yaml));
    }
}
