using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Writes the socket API's bodies with <see cref="Utf8JsonWriter"/> (no serializer, no reflection) and always with a
/// <c>Content-Length</c>. Problems are RFC 9457 <c>application/problem+json</c>; they never carry a value.
/// </summary>
internal static class SocketResponses
{
    public const string ProblemContentType = "application/problem+json";
    public const string JsonContentType = "application/json";
    public const string ValueContentType = "application/octet-stream";
    public const string StaleHeader = "SecretBroker-Stale";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static Task ProblemAsync(HttpContext context, int status, string type, string title, string detail)
    {
        ArrayBufferWriter<byte> body = new(256);
        using (Utf8JsonWriter json = new(body, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", "urn:secretbroker:problem:" + type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteEndObject();
        }

        context.Response.StatusCode = status;
        return WriteAsync(context.Response, ProblemContentType, body.WrittenMemory);
    }

    public static Task ListAsync(HttpResponse response, IEnumerable<SecretEntry> entries)
    {
        ArrayBufferWriter<byte> body = new(1024);
        using (Utf8JsonWriter json = new(body, WriterOptions))
        {
            json.WriteStartArray();
            foreach (SecretEntry entry in entries)
            {
                json.WriteStartObject();
                WriteMetadata(json, entry);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        response.Headers.CacheControl = "no-store";
        return WriteAsync(response, JsonContentType, body.WrittenMemory);
    }

    /// <summary>
    /// One secret as JSON. <c>value</c> is the text when the bytes are valid UTF-8; otherwise base64, and then
    /// <c>"encoding": "base64"</c> says so (absent means UTF-8 text).
    /// </summary>
    public static Task SecretJsonAsync(HttpResponse response, SecretEntry entry)
    {
        ArrayBufferWriter<byte> body = new(entry.Value.Length * 2 + 256);
        ReadOnlySpan<byte> value = entry.Value.Span;
        using (Utf8JsonWriter json = new(body, WriterOptions))
        {
            json.WriteStartObject();
            WriteMetadata(json, entry);
            if (System.Text.Unicode.Utf8.IsValid(value))
            {
                json.WriteString("value", value);
            }
            else
            {
                json.WriteBase64String("value", value);
                json.WriteString("encoding", "base64");
            }

            json.WriteEndObject();
        }

        SetSecretHeaders(response, entry);
        return WriteAsync(response, JsonContentType, body.WrittenMemory);
    }

    public static Task SecretRawAsync(HttpResponse response, SecretEntry entry)
    {
        SetSecretHeaders(response, entry);
        return WriteAsync(response, ValueContentType, entry.Value);
    }

    public static void SetSecretHeaders(HttpResponse response, SecretEntry entry)
    {
        response.Headers.ETag = ConditionalRequest.ETag(entry.Version);
        response.Headers.CacheControl = "no-store";
        if (entry.Stale)
        {
            response.Headers[StaleHeader] = "true";
        }
    }

    private static void WriteMetadata(Utf8JsonWriter json, SecretEntry entry)
    {
        json.WriteString("name", entry.Name);
        json.WriteString("version", entry.Version);
        json.WriteString("updatedAt", entry.UpdatedAt);
        json.WriteBoolean("stale", entry.Stale);

        // The backend's media type for the value (Key Vault's contentType), omitted when it has none.
        if (entry.ContentType is { } contentType)
        {
            json.WriteString("contentType", contentType);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string contentType, ReadOnlyMemory<byte> body)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body).ConfigureAwait(false);
    }
}
