using System.Net;
using SecretBroker.Backends;

namespace SecretBroker.Vault.Internal;

/// <summary>
/// Every failure message of the backend, classified: names the backend, the operation, the path and the status; never a
/// value, a token or text from Vault's body (it could echo a secret).
/// </summary>
internal static class VaultErrors
{
    public static SecretBackendException FromStatus(string backend, string operation, string path, HttpStatusCode status, TimeSpan? retryAfter)
    {
        int code = (int)status;
        string where = $"vault backend '{backend}': {operation} {path}";
        return code switch
        {
            403 => new SecretBackendException(SecretErrorKind.Permanent, $"{where}: permission denied (403)"),
            404 => new SecretBackendException(SecretErrorKind.Permanent, $"{where}: not found (404)"),
            400 => new SecretBackendException(SecretErrorKind.Permanent, $"{where}: invalid request (400)"),
            429 => new SecretBackendException(SecretErrorKind.Transient, $"{where}: rate limited (429)", retryAfter: retryAfter),
            412 => new SecretBackendException(SecretErrorKind.Transient, $"{where}: not yet consistent (412)", retryAfter: retryAfter),
            503 => new SecretBackendException(SecretErrorKind.Transient, $"{where}: Vault is sealed or unavailable (503)", retryAfter: retryAfter),
            >= 500 => new SecretBackendException(SecretErrorKind.Transient, $"{where}: server error ({code})", retryAfter: retryAfter),

            // A standby node redirecting to the active one: not followed (the token must not travel to another host), retried.
            >= 300 and < 400 => new SecretBackendException(SecretErrorKind.Transient, $"{where}: redirected ({code}); not followed", retryAfter: retryAfter),
            _ => new SecretBackendException(SecretErrorKind.Permanent, $"{where}: unexpected status {code}"),
        };
    }

    /// <summary>A 2xx whose body is not Vault's JSON envelope (HTML from a proxy, truncated, wrong shape): transient, no body text.</summary>
    public static SecretBackendException NotAnEnvelope(string backend, string operation, string path) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': {operation} {path}: the answer is not Vault's JSON envelope");

    public static SecretBackendException ReadWithDyingToken(string backend, string path) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': GET {path}: the token that read it expires within a second (its credential would die with it); reading again after a new login");

    public static SecretBackendException Unreachable(string backend, string operation, string path, Exception inner) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': {operation} {path}: request failed ({inner.GetType().Name})", inner);

    public static SecretBackendException TimedOut(string backend, string operation, string path, TimeSpan timeout) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': {operation} {path}: no answer within {timeout.TotalSeconds:0.#} s");

    public static SecretBackendException LoginRateLimited(string backend, TimeSpan wait) =>
        new(
            SecretErrorKind.Transient,
            $"vault backend '{backend}': login rate limit reached ({LoginBucket.Burst} logins, then 1 per {LoginBucket.Refill.TotalSeconds:0} s); next login in {Math.Ceiling(wait.TotalSeconds):0} s",
            retryAfter: wait);

    public static SecretBackendException TokenFileUnreadable(string backend, string path, Exception inner) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': cannot read the login token file '{path}' ({inner.GetType().Name})");

    public static SecretBackendException TokenFileEmpty(string backend, string path) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': the login token file '{path}' is empty");

    public static SecretBackendException TokenCheckFailed(string backend, string path) =>
        new(SecretErrorKind.Transient, $"vault backend '{backend}': GET {path}: permission denied (403) and the token could not be checked");
}
