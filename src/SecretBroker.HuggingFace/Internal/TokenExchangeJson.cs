using System.Text.Json;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>An access token the Hub issued, and its lifetime when the answer gave one.</summary>
internal readonly record struct ExchangedToken(string AccessToken, TimeSpan? ExpiresIn);

/// <summary>
/// The Hub's answers to a token exchange, read with <see cref="JsonDocument"/> (no reflection; trim and AOT safe):
/// <c>{"access_token":"hf_jwt_…","token_type":"Bearer","expires_in":3600}</c>, or an OAuth error
/// <c>{"error":"invalid_grant","error_description":"…"}</c>.
/// </summary>
internal static class TokenExchangeJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>The token and its lifetime, or <see langword="null"/> with what is wrong (never quoting the body).</summary>
    public static ExchangedToken? ReadSuccess(byte[] body, out string problem)
    {
        problem = string.Empty;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, Options);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return null;
            }

            if (!root.TryGetProperty("access_token", out JsonElement token) || token.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(token.GetString()))
            {
                problem = "no access_token";
                return null;
            }

            TimeSpan? lifetime = null;
            if (root.TryGetProperty("expires_in", out JsonElement expires) && expires.ValueKind != JsonValueKind.Null)
            {
                if (expires.ValueKind != JsonValueKind.Number || !expires.TryGetInt64(out long seconds) || seconds <= 0 || seconds > TimeSpan.FromDays(366).TotalSeconds)
                {
                    problem = "expires_in is not a positive number of seconds";
                    return null;
                }

                lifetime = TimeSpan.FromSeconds(seconds);
            }

            return new ExchangedToken(token.GetString()!, lifetime);
        }
        catch (JsonException)
        {
            problem = "not JSON";
            return null;
        }
    }

    /// <summary>The OAuth <c>error</c> and <c>error_description</c> of a refusal, when the body has them.</summary>
    public static (string? Error, string? Description) ReadError(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, Options);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(root, "error"), Text(root, "error_description"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
