using System.Text.Json.Nodes;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>Reads a patched pod the way an assertion needs it.</summary>
internal static class PodQueries
{
    public static JsonObject Container(JsonObject pod, string name) =>
        pod["spec"]!["containers"]!.AsArray().Concat(pod["spec"]!["initContainers"]?.AsArray() ?? [])
            .Single(c => (string?)c!["name"] == name)!.AsObject();

    /// <summary>name → value (null for a valueFrom entry).</summary>
    public static Dictionary<string, string?> Env(JsonObject container) =>
        (container["env"]?.AsArray() ?? []).ToDictionary(static e => (string)e!["name"]!, static e => (string?)e!["value"]);

    public static JsonObject? Mount(JsonObject container, string volume) =>
        (container["volumeMounts"]?.AsArray() ?? []).SingleOrDefault(m => (string?)m!["name"] == volume)?.AsObject();
}
