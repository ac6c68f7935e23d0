using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>Typed reads of optional JSON fields: null when the field is absent or of another type.</summary>
internal static class Json
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (string name in path)
        {
            node = node is JsonObject o && o.TryGetPropertyValue(name, out JsonNode? next) ? next : null;
        }

        return node;
    }

    public static string? String(JsonNode? node, params string[] path)
        => At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Bool(JsonNode? node, params string[] path)
        => At(node, path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    // Through the JSON text: a parsed value holds a JsonElement, a value built in code holds an int or a long.
    public static long? Integer(JsonNode? node, params string[] path)
        => At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
           && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : null;

    /// <summary>True when the field is present with any value but JSON null.</summary>
    public static bool IsSet(JsonNode? node, params string[] path)
        => At(node, path) is { } value && value.GetValueKind() != JsonValueKind.Null;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params string[] path)
        => At(node, path) is JsonArray items ? items.OfType<JsonObject>() : [];

    public static IEnumerable<string> Strings(JsonNode? node, params string[] path)
        => At(node, path) is JsonArray items
            ? items.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())
            : [];
}
