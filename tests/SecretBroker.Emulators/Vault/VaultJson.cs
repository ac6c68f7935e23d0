using System.Globalization;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>Vault's wire shapes: the response envelope, the error body, RFC 3339 nanosecond timestamps, durations.</summary>
internal static class VaultJson
{
    /// <summary>The full envelope every successful JSON response carries (protocols.md §6).</summary>
    public static JsonObject Envelope(JsonNode? data = null, JsonObject? auth = null, string leaseId = "", bool renewable = false,
        long leaseDuration = 0, JsonArray? warnings = null, string mountType = "") => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = leaseId,
        ["renewable"] = renewable,
        ["lease_duration"] = leaseDuration,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = warnings,
        ["auth"] = auth,
        ["mount_type"] = mountType,
    };

    public static JsonObject Errors(params string[] errors) =>
        new() { ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode?)JsonValue.Create(e))]) };

    /// <summary>RFC 3339 with nanoseconds, as Vault writes <c>created_time</c>.</summary>
    public static string Time(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    public static long Seconds(TimeSpan span) => (long)Math.Max(0, Math.Floor(span.TotalSeconds));

    /// <summary>
    /// A Vault duration: a JSON number of seconds, or a string <c>"3600"</c>, <c>"90s"</c>, <c>"15m"</c>, <c>"1h"</c>,
    /// <c>"1h30m"</c>. Null when absent; throws <see cref="FormatException"/> when unreadable.
    /// </summary>
    public static TimeSpan? Duration(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<double>(out var number))
        {
            return TimeSpan.FromSeconds(number);
        }

        var text = node.GetValue<string>().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return TimeSpan.FromSeconds(plain);
        }

        var total = TimeSpan.Zero;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            if (i == start || !long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                throw new FormatException("invalid duration");
            }

            total += text[i] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => throw new FormatException("invalid duration"),
            };
            start = i + 1;
        }

        return start == text.Length ? total : throw new FormatException("invalid duration");
    }
}
