using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>The sidecar config a rendering ships (secretbroker.yaml of its ConfigMap), as JSON.</summary>
internal sealed record SidecarConfig(string ConfigMapName, string Text, JsonObject Root)
{
    public static SidecarConfig Of(RenderedManifests.Rendering rendering)
    {
        JsonObject configMap = rendering.Single("ConfigMap");
        string text = (string)configMap["data"]!["secretbroker.yaml"]!;
        return new((string)configMap["metadata"]!["name"]!, text, Assert.Single(YamlDocuments.Parse(text)));
    }

    public string SocketPath => (string)Root["outputs"]!["socket"]!["path"]!;

    public string FilesDir => (string)Root["outputs"]!["files"]!["dir"]!;

    public IReadOnlyList<long> SocketAllowUids => [.. (Root["outputs"]!["socket"]!["allowUids"] as JsonArray ?? []).Select(n => n!.GetValue<long>())];
}
