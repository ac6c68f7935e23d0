using System.Globalization;

namespace SecretBroker.Settings;

/// <summary>
/// Durations as written in the config: Go/Kubernetes style (<c>100ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>,
/// combinations like <c>1m30s</c>, decimals like <c>1.5s</c>) or ISO-8601 (<c>PT5M</c>, <c>P1D</c>; no years,
/// months or weeks, whose length varies).
/// </summary>
internal static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        return text[0] is 'P' or 'p' ? TryParseIso(text, out value) : TryParseUnits(text, out value);
    }

    /// <summary>Formats the way users write it: <c>100ms</c>, <c>5m</c>, <c>1h30m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder();
        Append(text, (long)value.TotalHours, "h");
        Append(text, value.Minutes, "m");
        Append(text, value.Seconds, "s");
        Append(text, value.Milliseconds, "ms");
        return text.ToString();

        static void Append(System.Text.StringBuilder text, long amount, string unit)
        {
            if (amount != 0)
            {
                text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
    }

    private static bool TryParseUnits(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        double totalMs = 0;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            {
                return false;
            }

            int unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i]))
            {
                i++;
            }

            double? unitMs = text.AsSpan(unitStart, i - unitStart) switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => null,
            };
            if (unitMs is null)
            {
                return false;
            }

            totalMs += amount * unitMs.Value;
        }

        return TryFromMilliseconds(totalMs, out value);
    }

    private static bool TryParseIso(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        double totalMs = 0;
        bool inTime = false;
        bool any = false;
        int i = 1;
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ','))
            {
                i++;
            }

            if (i == start || i == text.Length
                || !double.TryParse(text.AsSpan(start, i - start).ToString().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            {
                return false;
            }

            double? unitMs = (char.ToUpperInvariant(text[i]), inTime) switch
            {
                ('D', false) => 86_400_000,
                ('H', true) => 3_600_000,
                ('M', true) => 60_000,
                ('S', true) => 1_000,
                _ => null,
            };
            if (unitMs is null)
            {
                return false;
            }

            totalMs += amount * unitMs.Value;
            any = true;
            i++;
        }

        return any && TryFromMilliseconds(totalMs, out value);
    }

    private static bool TryFromMilliseconds(double totalMs, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (double.IsNaN(totalMs) || totalMs > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(Math.Round(totalMs));
        return true;
    }
}
