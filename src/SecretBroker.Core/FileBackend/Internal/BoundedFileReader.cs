using Microsoft.Win32.SafeHandles;

namespace SecretBroker.FileBackend.Internal;

/// <summary>Reads a whole regular file, following symlinks, refusing files over <see cref="MaxBytes"/>.</summary>
internal static class BoundedFileReader
{
    /// <summary>The largest secret file or JSON document read (1 MiB); larger is a permanent error.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="file"/>; <paramref name="what"/> names it in errors. A missing file surfaces as
    /// <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/> for the caller to word.
    /// Anything but a regular file (a FIFO, a device, a socket) is a permanent error, never a blocking read.
    /// </summary>
    public static byte[] Read(string file, string what)
    {
        try
        {
            using SafeFileHandle handle = OperatingSystem.IsLinux() ? LinuxFile.OpenRegular(file, what) : OpenPortable(file);
            return ReadBounded(handle, what);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Directory.Exists(file) ? FileSecretErrors.IsDirectory(what) : FileSecretErrors.AccessDenied(what, ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw FileSecretErrors.ReadFailed(what, ex);
        }
    }

    // Windows (and other Unixes, for development): .NET's own open. Share everything: a writer replacing the file
    // must never be blocked by a poll.
    private static SafeFileHandle OpenPortable(string file) =>
        File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private static byte[] ReadBounded(SafeFileHandle handle, string what)
    {
        long length = RandomAccess.GetLength(handle);
        if (length > MaxBytes)
        {
            throw FileSecretErrors.TooLarge(what, MaxBytes);
        }

        // Read to EOF rather than trusting the length: the file may grow, or be a procfs file reporting 0.
        var buffer = new byte[length > 0 ? (int)length + 1 : 4096];
        int total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > MaxBytes)
                {
                    throw FileSecretErrors.TooLarge(what, MaxBytes);
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxBytes + 1));
            }

            int read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total > MaxBytes)
        {
            throw FileSecretErrors.TooLarge(what, MaxBytes);
        }

        Array.Resize(ref buffer, total);
        return buffer;
    }
}
