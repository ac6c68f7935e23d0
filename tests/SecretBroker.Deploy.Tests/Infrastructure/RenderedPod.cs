using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>The pod template of a rendered workload, with the accessors the manifest tests read it through.</summary>
internal sealed record RenderedPod(JsonObject Template)
{
    public const string SidecarName = "secretbroker";

    public static RenderedPod Of(RenderedManifests.Rendering rendering)
        => new(PodTemplates.Find(rendering.Single("Deployment")) ?? throw new InvalidOperationException("no pod template"));

    public JsonObject Spec => Template["spec"]!.AsObject();

    public IReadOnlyList<JsonObject> InitContainers => Objects(Spec["initContainers"]);

    /// <summary>The native sidecar: the first init container (so other init containers can read secrets).</summary>
    public JsonObject Sidecar => InitContainers[0];

    /// <summary>Every container but the sidecar: the app containers and any other init container.</summary>
    public IEnumerable<JsonObject> Others => InitContainers.Skip(1).Concat(Objects(Spec["containers"]));

    public JsonObject Volume(string name) => Assert.Single(Objects(Spec["volumes"]), v => (string?)v["name"] == name);

    public static string? Env(JsonObject container, string name)
        => Objects(container["env"]).FirstOrDefault(e => (string?)e["name"] == name)?["value"]?.GetValue<string>();

    public static IReadOnlyList<string> EnvNames(JsonObject container)
        => [.. Objects(container["env"]).Select(e => (string)e["name"]!)];

    public static IReadOnlyList<JsonObject> Mounts(JsonObject container) => Objects(container["volumeMounts"]);

    public static JsonObject? Mount(JsonObject container, string volume)
        => Mounts(container).FirstOrDefault(m => (string?)m["name"] == volume);

    public static IReadOnlyList<string> Strings(JsonNode? node) => [.. (node as JsonArray ?? []).Select(n => n!.GetValue<string>())];

    private static IReadOnlyList<JsonObject> Objects(JsonNode? node) => [.. (node as JsonArray ?? []).OfType<JsonObject>()];
}
