using SecretBroker.Backends;

namespace SecretBroker.Azure.Internal;

/// <summary>
/// Every message the Azure package produces. Messages name the backend, secret names, versions, HTTP statuses, Key
/// Vault error codes and variable names, never a value or a token; an answer's body is never quoted.
/// </summary>
internal static class AzureErrors
{
    /// <summary>How messages name this backend.</summary>
    public const string Backend = "azure-key-vault";

    private const string ThrottledMark = "SecretBroker.Azure.Throttled";

    // ---- setup (thrown at construction; the backend type turns them into SecretBackendSetupException) ----

    public static InvalidOperationException IdentityMissing(string what) => new($"Azure identity 'workload-identity': {what}");

    public static ArgumentException BadSetting(string setting, string problem) => new($"{Backend}: {setting} {problem}");

    // ---- answers about one secret ----

    public static SecretBackendException Disabled(string what) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault secret {what} is disabled");

    public static SecretBackendException NotFound(string what) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault secret {what} was not found");

    public static SecretBackendException Expired(string what, DateTimeOffset at) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault secret {what} expired at {at:u}");

    public static SecretBackendException NotYetValid(string what, DateTimeOffset from) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault secret {what} is not valid before {from:u}");

    public static SecretBackendException ExpiredByVault(string what) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault secret {what} is expired (Key Vault refused it: SecretExpired)");

    public static SecretBackendException NotYetValidByVault(string what) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault secret {what} is not valid yet (Key Vault refused it: SecretNotYetValid)");

    public static SecretBackendException Refused(string operation, string what, int status, string? code) =>
        new(SecretErrorKind.Permanent, $"{Backend}: Key Vault refused {operation} for {what} with HTTP {status}{Code(code)} (check the identity's access to the vault)");

    public static SecretBackendException Throttled(string operation, string what, TimeSpan? retryAfter)
    {
        var throttled = new SecretBackendException(SecretErrorKind.Transient, $"{Backend}: Key Vault throttled {operation} for {what} (HTTP 429{RetryText(retryAfter)})", null, retryAfter);
        throttled.Data[ThrottledMark] = true;
        return throttled;
    }

    /// <summary>Whether <paramref name="ex"/> is a 429 (after which a call attempts nothing more).</summary>
    public static bool IsThrottled(SecretBackendException ex) => ex.Data.Contains(ThrottledMark);

    public static SecretBackendException NotAttempted(string what, SecretBackendException throttled) =>
        new(SecretErrorKind.Transient, $"{Backend}: {what} not read: Key Vault throttled an earlier request of the same call", null, throttled.RetryAfter);

    public static SecretBackendException Status(string operation, string what, int status, string? code) =>
        new(status == 408 || status >= 500 ? SecretErrorKind.Transient : SecretErrorKind.Permanent, $"{Backend}: {operation} for {what} failed with HTTP {status}{Code(code)}");

    public static SecretBackendException Network(string operation, string what, Exception cause) =>
        new(SecretErrorKind.Transient, $"{Backend}: {operation} for {what} failed: {Causes(cause)}", cause);

    public static SecretBackendException Timeout(string operation, string what, TimeSpan timeout) =>
        new(SecretErrorKind.Transient, $"{Backend}: {operation} for {what} timed out after {timeout.TotalSeconds:0.#} s");

    public static SecretBackendException Credential(string operation, string what, Exception cause) =>
        new(SecretErrorKind.Transient, $"{Backend}: {operation} for {what}: cannot obtain an Entra token: {Causes(cause)}", cause);

    /// <summary>
    /// An answer that is not the documented JSON (or lacks its fields). Transient: a proxy or a broken front end may
    /// answer so for a while. The parser's own message is not kept: it may quote the body.
    /// </summary>
    public static SecretBackendException Undocumented(string operation, string what) =>
        new(SecretErrorKind.Transient, $"{Backend}: {operation} for {what}: Key Vault's answer is not the documented JSON");

    /// <summary>How a secret is named in messages: <c>'name'</c>, or <c>'name' version v</c> when pinned.</summary>
    public static string Secret(string name, string? version) => version is null ? $"'{name}'" : $"'{name}' version {version}";

    private static string Code(string? code) => string.IsNullOrEmpty(code) ? string.Empty : $" ({code})";

    private static string RetryText(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? FormattableString.Invariant($", Retry-After {wait.TotalSeconds:0.###} s") : string.Empty;

    // The chain down to the root cause (an untrusted certificate, a refused connection, an AADSTS code): transport
    // and Azure.Identity messages name hosts, codes and TLS errors, never a token or a body.
    private static string Causes(Exception cause)
    {
        List<string> parts = [];
        for (Exception? e = cause; e is not null && parts.Count < 4; e = e.InnerException)
        {
            string message = e.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 300)
            {
                message = message[..300] + "…";
            }

            if (message.Length > 0 && !parts.Any(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        string chain = string.Join(": ", parts);
        for (Exception? e = cause; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return chain + " (the TLS handshake failed: if the endpoint's certificate comes from a private CA, trust that CA through SSL_CERT_FILE or SSL_CERT_DIR)";
            }
        }

        return chain;
    }
}
