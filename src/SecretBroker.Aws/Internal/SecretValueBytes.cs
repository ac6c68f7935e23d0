using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

using SecretBroker.Backends;

namespace SecretBroker.Aws.Internal;

/// <summary>Turns a returned secret into the bytes to deliver: the whole value, or one top-level field of a JSON SecretString.</summary>
internal static class SecretValueBytes
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static SecretFetchResult ToResult(SecretDefinition secret, SecretValueEntry entry)
    {
        try
        {
            if (string.IsNullOrEmpty(entry.VersionId))
            {
                return SecretFetchResult.Failure(secret.Name, AwsErrors.NoVersionId(secret.Id));
            }

            return SecretFetchResult.Success(secret.Name, Extract(secret, entry), entry.VersionId);
        }
        catch (SecretBackendException ex)
        {
            return SecretFetchResult.Failure(secret.Name, ex);
        }
    }

    private static byte[] Extract(SecretDefinition secret, SecretValueEntry entry)
    {
        if (entry.SecretString is null)
        {
            return entry.SecretBinary is null ? throw AwsErrors.NoValue(secret.Id)
                : secret.Key is null ? entry.SecretBinary
                : throw AwsErrors.BinaryHasNoKeys(secret.Id, secret.Key);
        }

        return secret.Key is null ? Encoding.UTF8.GetBytes(entry.SecretString) : ExtractKey(entry.SecretString, secret.Id, secret.Key);
    }

    // A string field becomes its UTF-8 text; any other JSON value its raw JSON text (as the file backend does).
    private static byte[] ExtractKey(string json, string id, string key)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException)
        {
            // No inner exception: its message may quote part of the value.
            throw AwsErrors.NotAJsonObject(id, key);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw AwsErrors.NotAJsonObject(id, key);
            }

            if (!document.RootElement.TryGetProperty(key, out JsonElement field))
            {
                throw AwsErrors.KeyNotFound(id, key);
            }

            return field.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetBytes(field.GetString()!)
                : JsonMarshal.GetRawUtf8Value(field).ToArray();
        }
    }
}
