using SecretBroker.Backends;

namespace SecretBroker.FileBackend.Internal;

/// <summary>Every message the file backend produces, in one place. Messages name ids, keys and paths, never values.</summary>
internal static class FileSecretErrors
{
    /// <summary>How messages name this backend.</summary>
    public const string Backend = "file backend";

    public static SecretBackendException NotFound(string id, string path) =>
        new(SecretErrorKind.Permanent, $"file backend: secret '{id}' not found in {path}");

    public static SecretBackendException OutsideDirectory(string id, string path) =>
        new(SecretErrorKind.Permanent, $"file backend: secret id '{id}' must name a file inside {path} (no absolute paths, no '..')");

    public static SecretBackendException IsDirectory(string what) =>
        new(SecretErrorKind.Permanent, $"file backend: {what} is a directory, not a file");

    public static SecretBackendException RootNotObject(string path) =>
        new(SecretErrorKind.Permanent, $"file backend: {path} must hold one JSON object whose keys are the secret ids");

    public static SecretBackendException TooLarge(string what, int limit) =>
        new(SecretErrorKind.Permanent, $"file backend: {what} is larger than the {limit / 1024} KiB limit");

    public static SecretBackendException AccessDenied(string what, Exception cause) =>
        new(SecretErrorKind.Permanent, $"file backend: access to {what} denied", cause);

    public static SecretBackendException ReadFailed(string what, Exception cause) =>
        new(SecretErrorKind.Transient, $"file backend: cannot read {what}: {cause.Message}", cause);

    // The parser's own message can quote a character of the document, which may be part of a value: keep only the line.
    public static SecretBackendException CorruptDocument(string path, long? line) =>
        new(SecretErrorKind.Transient, $"file backend: {path} is not valid JSON (near line {(line ?? 0) + 1}); retrying in case a writer is mid-write");

}
