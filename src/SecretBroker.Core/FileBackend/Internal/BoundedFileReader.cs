namespace SecretBroker.FileBackend.Internal;

/// <summary>Reads a whole file, following symlinks, refusing files over <see cref="MaxBytes"/>.</summary>
internal static class BoundedFileReader
{
    /// <summary>The largest secret file or JSON document read (1 MiB); larger is a permanent error.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="file"/>; <paramref name="what"/> names it in errors. A missing file surfaces as
    /// <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/> for the caller to word.
    /// </summary>
    public static byte[] Read(string file, string what)
    {
        try
        {
            // Share everything: a writer replacing the file must never be blocked by a poll.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                throw FileSecretErrors.TooLarge(what, MaxBytes);
            }

            // Read to EOF rather than trusting Length: the file may grow, or be a pipe or a procfs file reporting 0.
            var buffer = new byte[stream.CanSeek ? (int)stream.Length + 1 : 4096];
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

                int read = stream.Read(buffer, total, buffer.Length - total);
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
        catch (UnauthorizedAccessException ex)
        {
            throw Directory.Exists(file) ? FileSecretErrors.IsDirectory(what) : FileSecretErrors.AccessDenied(what, ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw FileSecretErrors.ReadFailed(what, ex);
        }
    }
}
