using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>Parsing of the long-poll inputs: <c>?wait=N</c> and <c>If-None-Match</c>.</summary>
internal static class ConditionalRequest
{
    /// <summary>The longest long poll, in seconds.</summary>
    public const int MaxWaitSeconds = 300;

    /// <summary>
    /// Parses <c>wait</c>: absent is fine (<paramref name="wait"/> null); otherwise exactly one whole number of seconds,
    /// 0 to <see cref="MaxWaitSeconds"/>, digits only (no sign, no unit, no blank).
    /// </summary>
    public static bool TryParseWait(StringValues values, out TimeSpan? wait)
    {
        wait = null;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1 || values[0] is not { Length: > 0 and <= 3 } text
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
            || seconds > MaxWaitSeconds)
        {
            return false;
        }

        wait = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>The ETag of a version: the version, quoted.</summary>
    public static string ETag(string version) => "\"" + version + "\"";

    /// <summary>Whether an <c>If-None-Match</c> header names <paramref name="version"/> (or is <c>*</c>). Weak tags compare equal too.</summary>
    public static bool Matches(StringValues ifNoneMatch, string version)
    {
        foreach (string? header in ifNoneMatch)
        {
            if (header is null)
            {
                continue;
            }

            foreach (Range range in header.AsSpan().Split(','))
            {
                ReadOnlySpan<char> tag = header.AsSpan()[range].Trim();
                if (tag is "*")
                {
                    return true;
                }

                if (tag.StartsWith("W/", StringComparison.Ordinal))
                {
                    tag = tag[2..];
                }

                if (tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' && tag[1..^1].SequenceEqual(version))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
