using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SecretBroker.Backends;

/// <summary>
/// The one implementation of <see cref="SecretDefinition.Key"/>: one top-level field of a JSON object value, for every
/// backend. A string field becomes its UTF-8 text; any other JSON value its raw JSON text.
/// </summary>
public static class SecretJsonField
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The bytes a JSON value stands for: a string's UTF-8 text, otherwise the raw JSON.</summary>
    public static byte[] ToBytes(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? Encoding.UTF8.GetBytes(element.GetString()!)
        : JsonMarshal.GetRawUtf8Value(element).ToArray();

    /// <summary>
    /// Extracts <paramref name="key"/> from <paramref name="value"/>. Not JSON, not an object, or no such field is a
    /// permanent <see cref="SecretBackendException"/> whose message names the backend, the id and the key — never the value.
    /// </summary>
    /// <param name="value">The whole secret value.</param>
    /// <param name="backend">The backend type, for the message (e.g. <c>file backend</c>).</param>
    /// <param name="id">The secret's id in the backend, for the message.</param>
    /// <param name="key">The field to extract.</param>
    public static byte[] Extract(ReadOnlyMemory<byte> value, string backend, string id, string key)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, Options);
        }
        catch (JsonException)
        {
            // No inner exception: the parser's message may quote part of the value.
            throw NotAJsonObject(backend, id, key);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw NotAJsonObject(backend, id, key);
            }

            return document.RootElement.TryGetProperty(key, out JsonElement field)
                ? ToBytes(field)
                : throw new SecretBackendException(SecretErrorKind.Permanent, $"{backend}: secret '{id}' has no key '{key}'");
        }
    }

    private static SecretBackendException NotAJsonObject(string backend, string id, string key) =>
        new(SecretErrorKind.Permanent, $"{backend}: secret '{id}' is not a JSON object, so key '{key}' cannot be extracted");
}
