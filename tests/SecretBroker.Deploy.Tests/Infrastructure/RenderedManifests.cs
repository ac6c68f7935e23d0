using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>
/// Every kustomization a user can build under sidecar/deploy — the base and each overlay (components only render
/// inside an overlay) — rendered once per test run.
/// </summary>
internal static class RenderedManifests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendering>>> Cache = new();

    public sealed record Rendering(string Name, string Yaml, IReadOnlyList<JsonObject> Objects)
    {
        public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

        public JsonObject Single(string kind) => Assert.Single(OfKind(kind));
    }

    /// <summary>Names relative to sidecar/deploy: "base", "overlays/irsa-example", …</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "base",
        .. Directory.GetDirectories(Path.Combine(RepositoryPaths.Deploy, "overlays"))
            .Where(d => File.Exists(Path.Combine(d, "kustomization.yaml")))
            .Select(d => "overlays/" + Path.GetFileName(d))
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> All => [.. Names];

    public static Task<Rendering> RenderAsync(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<Task<Rendering>>(() => Render(n))).Value;

    private static async Task<Rendering> Render(string name)
    {
        string yaml = await Kustomize.RenderAsync(Path.Combine(RepositoryPaths.Deploy, name));
        return new Rendering(name, yaml, YamlDocuments.Parse(yaml));
    }
}
