using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SecretBroker.Configuration.Internal;

/// <summary>Turns secrets into configuration keys: <c>--</c> in a name is the section separator, under an optional prefix.</summary>
internal static class ConfigurationKeys
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Dictionary<string, string?> Map(SecretSet set, string? prefix, bool flattenJson)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, SecretValue secret) in set.Secrets)
        {
            string key = KeyOf(name, prefix);
            string text = Text(secret.Value);
            if (flattenJson && TryFlatten(key, text, data))
            {
                continue;
            }

            data[key] = text;
        }

        return data;
    }

    public static string KeyOf(string name, string? prefix)
    {
        string key = name.Replace("--", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        return string.IsNullOrEmpty(prefix) ? key : ConfigurationPath.Combine(prefix, key);
    }

    /// <summary>Configuration values are strings: UTF-8 text as is, anything else base64 (documented).</summary>
    private static string Text(byte[] value)
    {
        try
        {
            return StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return Convert.ToBase64String(value);
        }
    }

    private static bool TryFlatten(string key, string text, Dictionary<string, string?> data)
    {
        if (!text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            // Parse fully before adding anything, so a malformed document never leaves half a section behind.
            var flat = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Flatten(key, document.RootElement, flat);
            foreach ((string k, string? v) in flat)
            {
                data[k] = v;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Flatten(string key, JsonElement element, Dictionary<string, string?> data)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(ConfigurationPath.Combine(key, property.Name), property.Value, data);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(ConfigurationPath.Combine(key, index.ToString(CultureInfo.InvariantCulture)), item, data);
                    index++;
                }

                break;
            case JsonValueKind.Null:
                data[key] = null;
                break;
            case JsonValueKind.String:
                data[key] = element.GetString();
                break;
            default:
                data[key] = element.GetRawText();
                break;
        }
    }
}
