using System.Buffers;
using System.Text.Json;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// Request writers and response readers for the JSON 1.1 protocol, with <see cref="Utf8JsonWriter"/> and
/// <see cref="JsonDocument"/> only (no reflection: trim and AOT safe). Unknown members are ignored.
/// </summary>
internal static class SecretsManagerJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static byte[] GetSecretValueRequest(string secretId, string? versionId, string? versionStage) => Write(w =>
    {
        w.WriteString("SecretId", secretId);
        if (versionId is not null)
        {
            w.WriteString("VersionId", versionId);
        }

        if (versionStage is not null)
        {
            w.WriteString("VersionStage", versionStage);
        }
    });

    public static byte[] BatchGetSecretValueRequest(IReadOnlyList<string> secretIds) => Write(w =>
    {
        w.WriteStartArray("SecretIdList");
        foreach (string id in secretIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
    });

    public static byte[] DescribeSecretRequest(string secretId) => Write(w => w.WriteString("SecretId", secretId));

    /// <summary>Parses a document; a <see cref="JsonException"/> escapes for the caller to turn into a value-free message.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body) => JsonDocument.Parse(body, DocumentOptions);

    public static SecretValueEntry ReadSecretValue(JsonElement e) => new(
        String(e, "ARN"),
        String(e, "Name"),
        String(e, "VersionId"),
        String(e, "SecretString"),
        e.TryGetProperty("SecretBinary", out JsonElement binary) && binary.ValueKind == JsonValueKind.String ? binary.GetBytesFromBase64() : null,
        Timestamp(e, "CreatedDate"));

    public static BatchGetResult ReadBatch(JsonElement root)
    {
        var values = new List<SecretValueEntry>();
        if (root.TryGetProperty("SecretValues", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in list.EnumerateArray())
            {
                values.Add(ReadSecretValue(item));
            }
        }

        var errors = new List<BatchItemError>();
        if (root.TryGetProperty("Errors", out JsonElement errs) && errs.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in errs.EnumerateArray())
            {
                errors.Add(new BatchItemError(String(item, "SecretId"), String(item, "ErrorCode"), String(item, "Message")));
            }
        }

        return new BatchGetResult(values, errors);
    }

    public static SecretDescription ReadDescription(JsonElement root)
    {
        var stages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("VersionIdsToStages", out JsonElement map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty version in map.EnumerateObject())
            {
                stages[version.Name] = version.Value.ValueKind == JsonValueKind.Array
                    ? [.. version.Value.EnumerateArray().Where(static s => s.ValueKind == JsonValueKind.String).Select(static s => s.GetString()!)]
                    : [];
            }
        }

        return new SecretDescription(String(root, "ARN"), String(root, "Name"), stages, Timestamp(root, "LastChangedDate"));
    }

    /// <summary>The error code (<c>__type</c>, without any namespace prefix or <c>:</c> suffix) and message of an error body.</summary>
    public static (string? Code, string? Message) ReadError(ReadOnlyMemory<byte> body)
    {
        try
        {
            using JsonDocument document = Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? type = String(document.RootElement, "__type");
            string? message = String(document.RootElement, "Message") ?? String(document.RootElement, "message");
            return (NormalizeCode(type), message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>botocore's rule: drop anything before <c>#</c> and after <c>:</c>.</summary>
    public static string? NormalizeCode(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        int hash = type.LastIndexOf('#');
        string code = hash >= 0 ? type[(hash + 1)..] : type;
        int colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Epoch seconds as a JSON number, fractional or in exponent form (1.523477145713E9): read as a double.
    private static double? Timestamp(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) ? d : null;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
