using System.Text.Json;

namespace SecretBroker.Sidecar.Outputs.Files.Formats;

/// <summary>Parses a secret value that a format needs to be a JSON object, without letting the parser's message (which may quote it) out.</summary>
internal static class JsonValue
{

    /// <summary>The document, or <see langword="null"/> with <paramref name="problem"/> set. The caller disposes it.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> value, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value);
        }
        catch (JsonException)
        {
            problem = FormatMessages.NotJson;
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            problem = FormatMessages.NotAnObject;
            return null;
        }

        problem = null;
        return document;
    }
}
