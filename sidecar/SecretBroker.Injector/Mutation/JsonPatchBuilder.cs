using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// Collects RFC 6902 <c>add</c> operations and writes them as one JSON array. Nothing is sent until every operation is
/// built, so a failure half-way leaves no half patch.
/// </summary>
internal sealed class JsonPatchBuilder
{
    private readonly List<(string Path, JsonNode? Value)> _operations = [];

    public int Count => _operations.Count;

    /// <summary>Adds a Kubernetes model (serialized with the client's own source-generated JSON).</summary>
    public void AddModel<T>(string path, T value)
        where T : class => _operations.Add((path, ToNode(value)));

    /// <summary>Adds a list of models as one JSON array (the client's JSON context knows the models, not arrays of them).</summary>
    public void AddModels<T>(string path, IEnumerable<T> values)
        where T : class => _operations.Add((path, new JsonArray([.. values.Select(static v => ToNode(v))])));

    public void AddString(string path, string value) => _operations.Add((path, JsonValue.Create(value)));

    /// <summary>One path segment, escaped per RFC 6901 (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Segment(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static JsonNode? ToNode<T>(T value)
        where T : class => JsonNode.Parse(KubernetesJson.Serialize(value));

    public byte[] ToUtf8()
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter writer = new(buffer))
        {
            writer.WriteStartArray();
            foreach ((string path, JsonNode? value) in _operations)
            {
                writer.WriteStartObject();
                writer.WriteString("op", "add");
                writer.WriteString("path", path);
                writer.WritePropertyName("value");
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
