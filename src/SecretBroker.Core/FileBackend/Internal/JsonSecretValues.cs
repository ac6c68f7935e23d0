using System.Text.Json;

namespace SecretBroker.FileBackend.Internal;

/// <summary>Reads the file backend's JSON document (values and key extraction: <see cref="Backends.SecretJsonField"/>).</summary>
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
}
