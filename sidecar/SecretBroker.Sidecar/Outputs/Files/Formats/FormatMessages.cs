namespace SecretBroker.Sidecar.Outputs.Files.Formats;

/// <summary>
/// Why a value does not fit its secret's <c>profile</c> or <c>format</c>. Logged and printed by <c>check</c>, so none
/// quotes the value: only field names (which come from the value's structure, never its secret parts) and rules.
/// </summary>
internal static class FormatMessages
{
    public const string TokenEmpty = "the Hugging Face token is empty";
    public const string TokenHasWhitespace = "the Hugging Face token contains whitespace, a control character or a non-ASCII byte";
    public const string TokenPrefix = "the value does not start with hf_, as a Hugging Face token does";

    public const string NotJson = "the value is not JSON";
    public const string NotAnObject = "the value is not a JSON object";

    public static string MissingField(string field) => $"the value has no string field {field}";

    public static string FieldNotAString(string field) => $"field {field} is not a string";

    public static string FieldNotPrintable(string field) => $"field {field} is empty or contains whitespace, a control character or a non-ASCII byte";

    public const string ExpirationNotADate = "field Expiration is not an ISO-8601 date and time";

    // A name that is not an environment name might be anything, even part of a secret: it is counted, never shown.
    public static string NotAnEnvironmentName(int position) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"field {position} (counting from 1) has a name that is not a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*)");

    public static string DuplicateField(string name) => $"field '{name}' appears more than once";

    public static string UnsupportedValue(string name) => $"field {name} is not a string, number or boolean";

    public static string UnquotableValue(string name) =>
        $"field {name} contains a quote ('), a backslash or a control character, which dotenv readers unescape differently";
}
