using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SecretBroker.Sidecar.Outputs.Files.Formats;

/// <summary>
/// <c>format: dotenv</c>: a JSON object written as one <c>KEY='value'</c> line per field, in the object's order. Single
/// quotes mean "literal" to every common reader (<c>source</c> in a shell, python-dotenv, Node's dotenv, Docker Compose's
/// <c>env_file</c>): no <c>$</c> expansion, no escapes. A value that single quotes cannot carry the same way to all of
/// them (one holding <c>'</c>, <c>\</c> or a control character such as a line break) is refused rather than written in a
/// way some reader would misread. Strings are written as their text, numbers and booleans as written in the JSON; a
/// name must be a valid environment variable name, and each may appear once.
/// </summary>
internal static partial class DotenvFile
{
    /// <summary>The file's bytes, or <see langword="null"/> with <paramref name="problem"/> saying why the value does not fit.</summary>
    public static byte[]? Render(ReadOnlyMemory<byte> value, out string? problem)
    {
        using JsonDocument? document = JsonValue.Parse(value, out problem);
        if (document is null)
        {
            return null;
        }

        StringBuilder file = new();
        HashSet<string> seen = new(StringComparer.Ordinal);
        int position = 0;
        foreach (JsonProperty field in document.RootElement.EnumerateObject())
        {
            position++;
            if (!EnvironmentName().IsMatch(field.Name))
            {
                problem = FormatMessages.NotAnEnvironmentName(position);
                return null;
            }

            if (!seen.Add(field.Name))
            {
                problem = FormatMessages.DuplicateField(field.Name);
                return null;
            }

            string? text = field.Value.ValueKind switch
            {
                JsonValueKind.String => field.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => field.Value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                problem = FormatMessages.UnsupportedValue(field.Name);
                return null;
            }

            if (text.Any(c => c is '\'' or '\\' || char.IsControl(c)))
            {
                problem = FormatMessages.UnquotableValue(field.Name);
                return null;
            }

            file.Append(field.Name).Append("='").Append(text).Append("'\n");
        }

        return Encoding.UTF8.GetBytes(file.ToString());
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();
}
