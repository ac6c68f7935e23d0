using System.Globalization;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Our own words for a file-system failure, from its errno or exception type. .NET's messages are not used: the AOT
/// binary prints them as raw resource keys.
/// </summary>
internal static class FileErrorText
{
    /// <summary>e.g. "no space left on device (ENOSPC)", "permission denied", "errno 71".</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            UnauthorizedAccessException => "permission denied",
            FileNotFoundException or DirectoryNotFoundException => "a path component does not exist",
            PathTooLongException => "the path is too long",
            // On Unix, .NET and our LibC wrappers put the errno in HResult.
            IOException io => Errno(io.HResult),
            _ => exception.GetType().Name,
        };
    }

    private static string Errno(int errno) => errno switch
    {
        1 => "operation not permitted (EPERM)",
        2 => "no such file or directory (ENOENT)",
        5 => "input/output error (EIO)",
        11 => "resource temporarily unavailable (EAGAIN)",
        13 => "permission denied (EACCES)",
        17 => "an entry already exists there (EEXIST)",
        20 => "a path component is not a directory (ENOTDIR)",
        21 => "it is a directory (EISDIR)",
        24 => "too many open files (EMFILE)",
        28 => "no space left on device (ENOSPC)",
        30 => "read-only file system (EROFS)",
        31 => "too many links (EMLINK)",
        36 => "file name too long (ENAMETOOLONG)",
        39 => "directory not empty (ENOTEMPTY)",
        40 => "too many levels of symbolic links (ELOOP)",
        122 => "disk quota exceeded (EDQUOT)",
        _ => "errno " + errno.ToString(CultureInfo.InvariantCulture),
    };
}
