using System.Net;

using SecretBroker.Backends;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// Every message the AWS package produces, and the one table that classifies AWS error codes. Messages name secret ids,
/// keys, AWS error codes and variable names, never a value.
/// </summary>
internal static class AwsErrors
{
    /// <summary>How messages name this backend.</summary>
    public const string Backend = "aws-secrets-manager";

    private const string Prefix = Backend;

    // Codes that will not succeed without a change elsewhere (IAM, KMS, the secret itself, the signing key).
    private static readonly HashSet<string> PermanentCodes = new(StringComparer.Ordinal)
    {
        "ResourceNotFoundException", "AccessDeniedException", "InvalidParameterException", "InvalidRequestException",
        "DecryptionFailure", "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignature",
        "InvalidClientTokenId", "InvalidNextTokenException", "ValidationException", "MissingAuthenticationToken",
    };

    // Codes that may pass: throttling, server trouble, and an expired session token (the SDK credentials refresh it).
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
        "InternalServiceError", "InternalFailure", "ServiceUnavailable", "ExpiredTokenException", "RequestExpired",
        "RequestTimeout", "RequestTimeoutException",
    };

    /// <summary>The kind of an AWS error code; unknown codes go by the HTTP status (429 and 5xx transient, else permanent).</summary>
    public static SecretErrorKind Classify(string? code, HttpStatusCode? status)
    {
        if (code is not null && PermanentCodes.Contains(code))
        {
            return SecretErrorKind.Permanent;
        }

        if (code is not null && TransientCodes.Contains(code))
        {
            return SecretErrorKind.Transient;
        }

        int s = (int)(status ?? HttpStatusCode.InternalServerError);
        return s == 429 || s >= 500 ? SecretErrorKind.Transient : SecretErrorKind.Permanent;
    }

    /// <summary>A service error answer (HTTP status plus <c>__type</c>) for <paramref name="what"/> (e.g. <c>secret 'prod/db'</c>).</summary>
    public static SecretBackendException Service(string operation, string what, HttpStatusCode status, string? code, string? awsMessage, TimeSpan? retryAfter)
    {
        string shown = code ?? $"HTTP {(int)status}";
        string detail = string.IsNullOrWhiteSpace(awsMessage) ? string.Empty : $": {Truncate(awsMessage)}";
        return new(Classify(code, status), $"{Prefix}: {operation} for {what} failed with {shown}{detail}", null, retryAfter);
    }

    /// <summary>A per-id error inside a <c>BatchGetSecretValue</c> answer.</summary>
    public static SecretBackendException BatchItem(string secretId, string? code, string? awsMessage)
    {
        string detail = string.IsNullOrWhiteSpace(awsMessage) ? string.Empty : $": {Truncate(awsMessage)}";
        return new(Classify(code, HttpStatusCode.BadRequest), $"{Prefix}: BatchGetSecretValue for secret '{secretId}' failed with {code ?? "an unnamed error"}{detail}");
    }

    public static SecretBackendException Network(string operation, string what, Exception cause) =>
        new(SecretErrorKind.Transient, $"{Prefix}: {operation} for {what} failed: {Causes(cause)}", cause);

    public static SecretBackendException Timeout(string operation, string what, TimeSpan timeout) =>
        new(SecretErrorKind.Transient, $"{Prefix}: {operation} for {what} timed out after {timeout.TotalSeconds:0.#} s");

    public static SecretBackendException Credentials(string operation, string what, Exception cause) =>
        new(SecretErrorKind.Transient, $"{Prefix}: {operation} for {what}: cannot obtain AWS credentials: {Causes(cause)}", cause);

    // The chain down to the root cause (an untrusted certificate, a refused connection): the SDK's and HttpClient's
    // outer messages ("Error calling AssumeRole", "see inner exception") do not say what went wrong. Transport and
    // SDK messages name hosts, roles and TLS errors, never a request body.
    private static string Causes(Exception cause)
    {
        List<string> parts = [];
        for (Exception? current = cause; current is not null && parts.Count < 4; current = current.InnerException)
        {
            string part = $"{current.GetType().Name}: {current.Message}";
            if (!parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        string chain = string.Join(" <- ", parts);
        return HasCause<System.Security.Authentication.AuthenticationException>(cause)
            ? chain + " (the TLS handshake failed: if the endpoint's certificate comes from a private CA, trust that CA through SSL_CERT_FILE or SSL_CERT_DIR)"
            : chain;
    }

    private static bool HasCause<T>(Exception cause)
        where T : Exception
    {
        for (Exception? current = cause; current is not null; current = current.InnerException)
        {
            if (current is T)
            {
                return true;
            }
        }

        return false;
    }

    // No inner exception: a JSON parser's message can quote a character of the body, which may be part of a value.
    public static SecretBackendException MalformedResponse(string operation, string what, long? line) =>
        new(SecretErrorKind.Transient, $"{Prefix}: {operation} for {what} returned a malformed response (near line {(line ?? 0) + 1})");

    public static SecretBackendException ResponseTooLarge(string operation, string what, Exception cause) =>
        new(SecretErrorKind.Permanent, $"{Prefix}: {operation} for {what} returned a response larger than the client's buffer", cause);

    public static SecretBackendException NoValue(string secretId) =>
        new(SecretErrorKind.Permanent, $"{Prefix}: secret '{secretId}' has neither SecretString nor SecretBinary");

    public static SecretBackendException NoVersionId(string secretId) =>
        new(SecretErrorKind.Transient, $"{Prefix}: the answer for secret '{secretId}' carries no VersionId");

    public static SecretBackendException MissingFromBatch(string secretId) =>
        new(SecretErrorKind.Transient, $"{Prefix}: BatchGetSecretValue answered neither a value nor an error for secret '{secretId}'");

    public static SecretBackendException BinaryHasNoKeys(string secretId, string key) =>
        new(SecretErrorKind.Permanent, $"{Prefix}: secret '{secretId}' is binary, so key '{key}' cannot be extracted");

    public static SecretBackendException StageNotFound(string secretId, string stage) =>
        new(SecretErrorKind.Permanent, $"{Prefix}: secret '{secretId}' has no version labelled '{stage}'");

    // ---- configuration (thrown at construction: startup fails) ----

    public static ArgumentException RegionRequired() => new($"{Prefix}: Region is required (e.g. us-west-2)");

    public static ArgumentException InsecureEndpoint(string setting, Uri uri) =>
        new($"{Prefix}: {setting} '{uri}' must use https (plain http is accepted only for loopback hosts: 127.0.0.0/8, ::1, localhost)");

    public static ArgumentException BadEndpoint(string setting, string value) =>
        new($"{Prefix}: {setting} '{value}' is not an absolute http(s) URL");

    public static ArgumentException BadTimeout(TimeSpan value) =>
        new($"{Prefix}: RequestTimeout must be between 1 s and 10 min (got {value})");

    // ---- identity (fail closed: thrown at construction) ----

    public static InvalidOperationException IdentityMissing(string mode, string what) =>
        new($"AWS identity '{mode}': {what}");

    public static InvalidOperationException NothingDetected() =>
        new("AWS identity 'auto': no identity found: set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE (IRSA) or "
            + "AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (EKS Pod Identity); "
            + "node or instance credentials are used only with allowFallback: true");

    private static string Truncate(string message) => message.Length <= 300 ? message : string.Concat(message.AsSpan(0, 300), "…");
}
