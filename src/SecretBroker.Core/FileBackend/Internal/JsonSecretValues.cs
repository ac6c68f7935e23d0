using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SecretBroker.FileBackend.Internal;

/// <summary>Turns JSON into secret bytes: a string becomes its UTF-8 text, anything else its raw JSON text.</summary>
internal static class JsonSecretValues
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses a JSON document; a parse failure is transient (a writer may be mid-write).</summary>
    public static JsonDocument ParseDocument(byte[] document, string path)
    {
        try
        {
            return JsonDocument.Parse(document, Options);
        }
        catch (JsonException ex)
        {
            throw FileSecretErrors.CorruptDocument(path, ex.LineNumber);
        }
    }

    /// <summary>The bytes a JSON value stands for.</summary>
    public static byte[] ToBytes(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? Encoding.UTF8.GetBytes(element.GetString()!)
        : JsonMarshal.GetRawUtf8Value(element).ToArray();

    /// <summary>Extracts the top-level field <paramref name="key"/> of a JSON object value; permanent errors name id and key only.</summary>
    public static byte[] ExtractKey(byte[] value, string id, string key)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, Options);
        }
        catch (JsonException)
        {
            // No inner exception: its message may quote part of the value.
            throw FileSecretErrors.NotAJsonObject(id, key);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw FileSecretErrors.NotAJsonObject(id, key);
            }

            return document.RootElement.TryGetProperty(key, out JsonElement field)
                ? ToBytes(field)
                : throw FileSecretErrors.KeyNotFound(id, key);
        }
    }
}
