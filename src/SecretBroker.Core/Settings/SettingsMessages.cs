using System.Globalization;

namespace SecretBroker.Settings;

/// <summary>
/// Every message about the <c>backends:</c> and <c>secrets:</c> settings, shared by both front doors (the sidecar's
/// file and <c>AddSecretBroker</c>) so wording stays one. Each is the <c>&lt;problem&gt;</c> part of
/// <c>&lt;file&gt;:&lt;line&gt;: &lt;key.path&gt;: &lt;problem&gt;</c>. Settings hold no secret values, so echoing what
/// was written is safe.
/// </summary>
internal static class SettingsMessages
{
    public const string Nothing = "nothing";
    public const string Required = "is required";
    public const string MustNotBeEmpty = "must not be empty";

    // Structure.
    public static string ExpectedMapping(string found) => $"expected a mapping, found {found}";

    public static string ExpectedList(string found) => $"expected a list, found {found}";

    public static string ExpectedValue(string found) => $"expected a single value, found {found}";

    public static string UnknownKey(IEnumerable<string> allowed) => $"unknown key (expected one of: {string.Join(", ", allowed)})";

    public static string DuplicateKey(int firstLine) => firstLine > 0
        ? Invariant($"duplicate key (first given on line {firstLine})")
        : "duplicate key";

    // Values.
    public static string NotADuration(string text) => $"'{text}' is not a duration (use 30s, 5m, 1h, or an ISO-8601 duration)";

    public static string DurationTooShort(string text, TimeSpan minimum) => $"'{text}' is shorter than the minimum of {DurationText.Format(minimum)}";

    public static string DurationTooLong(string text, TimeSpan maximum) => $"'{text}' is longer than the maximum of {DurationText.Format(maximum)}";

    public static string NotABoolean(string text) => $"'{text}' is not a boolean (use true or false)";

    public static string NotAnHttpUrl(string text) => $"'{text}' is not an absolute http(s) URL";

    public static string NotOneOf(string text, IEnumerable<string> allowed) => $"'{text}' is not one of: {string.Join(", ", allowed)}";

    public static string NotAUserId(string text) => $"'{text}' is not a user id (a whole number, 0 or more)";

    public static string NotAGroup(string text) => $"'{text}' is not a group id (a whole number, 0 or more)";

    // Backends.
    public const string NoBackends = "at least one backend is required";

    public static string InvalidBackendName(string name) =>
        $"'{name}' is not a valid backend name (letters, digits, '-' and '_', starting with a letter or digit)";

    public static string BackendTypeNotAvailable(string type, string available, string? advice) => advice is null
        ? $"backend type '{type}' is not available in this version (available: {available})"
        : $"backend type '{type}' is not registered (available: {available}); {advice}";

    public static string UnknownBackendType(string type, string available) => $"unknown backend type '{type}' (available: {available})";

    public static string UnknownBackendKey(string type, IEnumerable<string> allowed) =>
        $"unknown key for a '{type}' backend (expected one of: {string.Join(", ", allowed)})";

    public static string DuplicateBackend(string name) => $"a backend named '{name}' is already defined";

    // Secrets.
    public const string NoSecrets = "at least one secret is required";

    public static string InvalidSecretName(string name) =>
        Invariant($"'{name}' is not a valid secret name (pattern {SecretName.Pattern}, at most {SecretName.MaxLength} characters)");

    public static string DuplicateSecretName(string name, int firstLine) => firstLine > 0
        ? Invariant($"secret name '{name}' is already used on line {firstLine}")
        : $"secret name '{name}' is already used";

    public static string UnknownBackendReference(string backend, IEnumerable<string> known) =>
        $"'{backend}' does not name a backend (defined: {(known.Any() ? string.Join(", ", known) : "none")})";

    public static string UnknownProfile(string text, IEnumerable<string> allowed) => $"unknown profile '{text}' (expected one of: {string.Join(", ", allowed)})";

    public static string UnknownFormat(string text, IEnumerable<string> allowed) => $"unknown format '{text}' (expected one of: {string.Join(", ", allowed)})";

    public static string FormatWithHuggingFaceProfile(string text) =>
        $"format '{text}' cannot be combined with profile: huggingface (a Hugging Face token is delivered bare; leave format out or write raw)";

    public static string SecondHuggingFaceProfile(int firstLine) =>
        Invariant($"only one secret may have profile: huggingface (already given on line {firstLine}); there is one <dir>/hf/token");

    public static string NameTakenByHuggingFace(string name, int profileLine) =>
        Invariant($"secret name '{name}' is the directory profile: huggingface writes (line {profileLine}); choose another name");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
