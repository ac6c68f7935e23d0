using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SecretBroker.Backends;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>
/// Every message of the package and the one rule that classifies the Hub's answers. Messages name the backend, the
/// resource, the token file and the Hub's OAuth error code; never a token (not the projected one, not an access token).
/// </summary>
internal static partial class HuggingFaceMessages
{
    /// <summary>How messages name this backend.</summary>
    public const string Backend = "huggingface-oidc";

    /// <summary>The audience the Hub requires of a subject token.</summary>
    public const string Audience = "https://huggingface.co";

    private const int MaxDescription = 300;

    // ---- settings (validator) ----

    public const string Required = "is required";

    public const string NotAbsolute = "must be an absolute path";

    public static string InsecureEndpoint(Uri uri) =>
        $"'{uri.OriginalString}' must use https (plain http is accepted only for loopback hosts: 127.0.0.0/8, ::1, localhost)";

    public static string EndpointHasQuery(Uri uri) => $"'{uri.OriginalString}' must not carry a query or fragment";

    public static string TimeoutOutOfRange(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"must be between 1s and 10m (was {value})");

    // ---- the projected token (fail closed at build; permanent at an exchange) ----

    public static string TokenFileMissing(string path) => $"{Backend}: token file '{path}' does not exist (tokenFile)";

    public static string TokenFileUnreadable(string path, Exception cause) => $"{Backend}: token file '{path}' cannot be read: {cause.GetType().Name}: {cause.Message}";

    public static string TokenFileEmpty(string path) => $"{Backend}: token file '{path}' is empty";

    public static string TokenFileTooLarge(string path, int limit) => $"{Backend}: token file '{path}' is larger than {limit} bytes, so it is not a projected token";

    public static string NotAJwt(string path) => $"{Backend}: token file '{path}' does not hold a JWT (three base64url parts with a JSON payload)";

    public static string WrongAudience(string path, IReadOnlyList<string> audiences) =>
        $"{Backend}: token file '{path}' has audience [{string.Join(", ", audiences)}]; the Hub accepts only tokens for {Audience} "
        + "(set `audience: https://huggingface.co` on the serviceAccountToken volume source)";

    // ---- the exchange (runtime: SecretBackendException, classified) ----

    /// <summary>
    /// The Hub refused the exchange with an OAuth error: 429 and 5xx are transient, any other status (400/401
    /// <c>invalid_grant</c>, <c>invalid_request</c>, 403, 404) is permanent until something changes elsewhere (the trust
    /// configuration, the token file, the resource).
    /// </summary>
    public static SecretBackendException Refused(string resource, HttpStatusCode status, string? error, string? description, TimeSpan? retryAfter, string subjectToken)
    {
        int code = (int)status;
        SecretErrorKind kind = code == 429 || code >= 500 ? SecretErrorKind.Transient : SecretErrorKind.Permanent;
        string shown = error is null ? $"HTTP {code}" : $"{error} (HTTP {code})";
        string detail = string.IsNullOrWhiteSpace(description) ? string.Empty : ": " + Scrub(description, subjectToken);
        return new SecretBackendException(kind, $"{Backend}: token exchange for resource '{resource}' was refused with {shown}{detail}", null, retryAfter);
    }

    public static SecretBackendException Network(string resource, Exception cause) =>
        new(SecretErrorKind.Transient, $"{Backend}: token exchange for resource '{resource}' failed: {cause.GetType().Name}: {cause.Message}", cause);

    public static SecretBackendException Timeout(string resource, TimeSpan timeout) =>
        new(SecretErrorKind.Transient, string.Create(CultureInfo.InvariantCulture, $"{Backend}: token exchange for resource '{resource}' timed out after {timeout.TotalSeconds:0.#} s"));

    // No inner exception and no excerpt: the body of a successful answer holds an access token.
    public static SecretBackendException Malformed(string resource, string what) =>
        new(SecretErrorKind.Transient, $"{Backend}: the Hub's answer for resource '{resource}' is malformed: {what}");

    public static SecretBackendException TokenFile(string message, SecretErrorKind kind) => new(kind, message);

    /// <summary>
    /// The Hub's <c>error_description</c>, shortened, with anything shaped like a token removed: the subject token
    /// itself, a JWT, an <c>hf_</c> token. A description is the Hub's text, but a proxy or a bug could echo a request.
    /// </summary>
    public static string Scrub(string description, string subjectToken)
    {
        string text = subjectToken.Length > 0 ? description.Replace(subjectToken, "[token]", StringComparison.Ordinal) : description;
        text = JwtShape().Replace(text, "[token]");
        text = HfTokenShape().Replace(text, "hf_[token]");
        return text.Length <= MaxDescription ? text : string.Concat(text.AsSpan(0, MaxDescription), "…");
    }

    [GeneratedRegex(@"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtShape();

    [GeneratedRegex(@"hf_[A-Za-z0-9_.-]+")]
    private static partial Regex HfTokenShape();
}
