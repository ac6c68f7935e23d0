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

    public static SecretBackendException AccessDenied(string what, Exception? cause = null) =>
        new(SecretErrorKind.Permanent, $"file backend: access to {what} denied", cause);

    // Only regular files are opened: a FIFO would block the read until a writer came, a device could be endless.
    public static SecretBackendException NotRegularFile(string what, string file, int fileType) =>
        new(SecretErrorKind.Permanent, $"file backend: {what} is {DescribeFileType(fileType)} ({file}), not a regular file; only regular files are read");

    public static SecretBackendException OpenFailed(string what, string reason, int errno) =>
        new(SecretErrorKind.Transient, $"file backend: cannot open {what}: {reason} (errno {errno})");

    /// <summary>The message of the not-found exception the caller turns into <see cref="NotFound"/>.</summary>
    public static string Missing(string what) => $"file backend: {what} does not exist";

    public static string VersionKeySize(int length) =>
        $"file backend: a version key is {SipHash24.KeySize} bytes, not {length}";

    public const string NoRandomness = "/dev/urandom returned no bytes";

    private static string DescribeFileType(int fileType) => fileType switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xA000 => "a symbolic link",
        0xC000 => "a socket",
        _ => $"a special file (type 0{Convert.ToString(fileType >> 12, 8)})",
    };

    public static SecretBackendException ReadFailed(string what, Exception cause) =>
        new(SecretErrorKind.Transient, $"file backend: cannot read {what}: {cause.Message}", cause);

    // The parser's own message can quote a character of the document, which may be part of a value: keep only the line.
    public static SecretBackendException CorruptDocument(string path, long? line) =>
        new(SecretErrorKind.Transient, $"file backend: {path} is not valid JSON (near line {(line ?? 0) + 1}); retrying in case a writer is mid-write");

}
