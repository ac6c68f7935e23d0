using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>One container of a pod spec, with the list it came from, so a message can name it.</summary>
internal sealed record PodContainer(string Kind, string Name, JsonObject Spec)
{
    /// <summary>Every container the kubelet runs: containers, init containers (native sidecars too), ephemeral ones.</summary>
    public static IEnumerable<PodContainer> All(JsonObject podSpec)
    {
        foreach ((string list, string kind) in new[]
                 {
                     ("initContainers", "init container"),
                     ("containers", "container"),
                     ("ephemeralContainers", "ephemeral container"),
                 })
        {
            if (podSpec[list] is not JsonArray items)
            {
                continue;
            }

            foreach (JsonNode? item in items)
            {
                if (item is JsonObject container)
                {
                    yield return new PodContainer(kind, Json.String(container, "name") ?? "(unnamed)", container);
                }
            }
        }
    }

    /// <summary>The container's <c>securityContext</c>, or null when it has none.</summary>
    public JsonObject? SecurityContext => Spec["securityContext"] as JsonObject;

    /// <summary>A message about one field of this container.</summary>
    public string Problem(string field, string problem) => $"{Kind} '{Name}': {field}: {problem}";
}
