using System.Runtime.InteropServices;

using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>
/// Words an I/O failure ourselves, from its errno or exception type. .NET's own exception texts cannot be shown: the
/// sidecar runs with <c>UseSystemResourceKeys</c>, so they print as resource keys (<c>IO_PathNotFound_Path</c>).
/// </summary>
internal static class IoProblemText
{
    /// <summary>
    /// <paramref name="failure"/>'s message when it is our own, else (a .NET I/O exception, whose text would be a resource
    /// key) the problem in our words.
    /// </summary>
    public static string Describe(Exception failure, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return For(failure, path) ?? failure.Message;
    }

    /// <summary>What went wrong with <paramref name="path"/> in our words, for the I/O exceptions .NET itself throws; else <see langword="null"/>.</summary>
    public static string? For(Exception failure, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            FileNotFoundException => ConfigMessages.NoSuchFile,
            DirectoryNotFoundException => ConfigMessages.NoSuchDirectory,
            PathTooLongException => ConfigMessages.PathTooLong,

            // .NET reports EACCES, EPERM and "this is a directory" alike as UnauthorizedAccessException.
            UnauthorizedAccessException when path is not null && Directory.Exists(path) => ConfigMessages.IsADirectory,
            UnauthorizedAccessException => ConfigMessages.PermissionDenied,

            // For other errno values .NET on Unix throws a plain IOException with the raw errno as HResult
            // (Interop.GetExceptionForIoErrno); our own IOExceptions keep the default, negative HResult.
            IOException io when io.GetType() == typeof(IOException) && io.HResult > 0 => ForErrno(io.HResult),
            _ => null,
        };
    }

    /// <summary>The problem <paramref name="errno"/> (Linux numbering) names.</summary>
    public static string ForErrno(int errno) => errno switch
    {
        1 or 13 => ConfigMessages.PermissionDenied, // EPERM, EACCES
        2 => ConfigMessages.NoSuchFile, // ENOENT
        5 => ConfigMessages.InputOutputError, // EIO
        6 => ConfigMessages.NoDeviceOrSocket, // ENXIO: open(2) of a socket, or of a device with no driver
        16 or 26 => ConfigMessages.FileBusy, // EBUSY, ETXTBSY
        20 => ConfigMessages.NotADirectoryOnPath, // ENOTDIR
        21 => ConfigMessages.IsADirectory, // EISDIR
        23 or 24 => ConfigMessages.TooManyOpenFiles, // ENFILE, EMFILE
        28 => ConfigMessages.NoSpace, // ENOSPC
        30 => ConfigMessages.ReadOnlyFileSystem, // EROFS
        36 => ConfigMessages.PathTooLong, // ENAMETOOLONG
        40 => ConfigMessages.TooManySymlinks, // ELOOP
        122 => ConfigMessages.QuotaExceeded, // EDQUOT
        _ => ConfigMessages.OtherIoError(errno, Marshal.GetPInvokeErrorMessage(errno)),
    };
}
