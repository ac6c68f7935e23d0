using System.Globalization;
using System.Text;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// The pieces of the Prometheus text exposition format 0.0.4: metric names from OpenTelemetry-style instrument names
/// and units, label and help escaping, and sample values.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// <c>secretbroker.backend.request.duration</c> with unit <c>s</c> becomes
    /// <c>secretbroker_backend_request_duration_seconds</c>: characters outside <c>[a-zA-Z0-9_:]</c> become <c>_</c>, the
    /// unit is appended as Prometheus spells it (annotations like <c>{refresh}</c> are dropped), and counters end in
    /// <c>_total</c>.
    /// </summary>
    public static string MetricName(string name, string? unit, bool isCounter)
    {
        StringBuilder text = new(name.Length + 16);
        AppendSanitized(text, name, allowColon: true);
        string? suffix = UnitSuffix(unit);
        if (suffix is not null && !EndsWith(text, "_" + suffix))
        {
            text.Append('_').Append(suffix);
        }

        if (isCounter && !EndsWith(text, "_total"))
        {
            text.Append("_total");
        }

        return text.ToString();
    }

    /// <summary>A label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string LabelName(string name)
    {
        StringBuilder text = new(name.Length + 1);
        AppendSanitized(text, name, allowColon: false);
        return text.ToString();
    }

    /// <summary>A label value inside double quotes: backslash, double quote and line feed escaped.</summary>
    public static void AppendLabelValue(StringBuilder text, string value)
    {
        foreach (char c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    /// <summary>Help text: backslash and line feed escaped.</summary>
    public static void AppendHelp(StringBuilder text, string help)
    {
        foreach (char c in help)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    public static string Value(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ when unit.StartsWith('{') => null,
        _ => LabelName(unit),
    };

    private static void AppendSanitized(StringBuilder text, string name, bool allowColon)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            text.Append('_');
        }

        foreach (char c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }
    }

    private static bool EndsWith(StringBuilder text, string suffix)
    {
        if (text.Length < suffix.Length)
        {
            return false;
        }

        for (int i = 0; i < suffix.Length; i++)
        {
            if (text[text.Length - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }
}
