using Microsoft.Extensions.Logging;
using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The key file backends derive content versions with, kept at <c>&lt;outputs.files.dir&gt;/..version-key</c> (16
/// random bytes, mode 0400, ours): on the tmpfs volume it outlives a container restart in the same pod, so versions of
/// unchanged values stay the same, and it never reaches a disk. Without a files output each process draws its own key.
/// </summary>
internal static class VersionKeyFile
{
    /// <summary>The file's name in the files directory (reserved: the files output never removes it).</summary>
    public const string FileName = "..version-key";

    private const int KeySize = FileSecretBackendOptions.VersionKeySize;

    /// <summary>
    /// For <c>run</c>: the key, read at the first fetch (the directory is prepared by then), created or replaced when
    /// missing or unusable. <see langword="null"/> without a files output (a random key per process).
    /// </summary>
    public static Func<ReadOnlyMemory<byte>>? ForRun(FilesOutputSettings? files, ILogger logger)
    {
        if (files is null)
        {
            return null;
        }

        string path = Path.Combine(files.Directory, FileName);
        var key = new Lazy<ReadOnlyMemory<byte>>(() => LoadOrCreate(path, logger));
        return () => key.Value;
    }

    /// <summary>
    /// For <c>check</c>, which creates no file: the existing key, so its versions match a running sidecar's, else
    /// <see langword="null"/> (a random key, versions that match nothing).
    /// </summary>
    public static Func<ReadOnlyMemory<byte>>? ForCheck(FilesOutputSettings? files)
    {
        if (files is null || Read(Path.Combine(files.Directory, FileName), out _) is not { } key)
        {
            return null;
        }

        return () => key;
    }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (Read(path, out string? refusal) is { } existing)
        {
            return existing;
        }

        try
        {
            if (refusal is not null)
            {
                Log.VersionKeyReplaced(logger, path, refusal);
                Remove(path);
            }

            byte[] created = Create(path);
            Log.VersionKeyCreated(logger, path);
            return created;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.VersionKeyUnavailable(logger, path, ex.Message);
            return NewKey();
        }
    }

    /// <summary>The key, or <see langword="null"/>: absent (<paramref name="refusal"/> null) or unusable (it says why).</summary>
    private static byte[]? Read(string path, out string? refusal) => OwnedStateFile.Read(path, KeySize, KeySize, out refusal);

    private static void Remove(string path)
    {
        if (LibC.GetFileType(path) == LibC.DirectoryFileType)
        {
            // Only an empty directory goes; anything else there is not ours to delete.
            Directory.Delete(path, recursive: false);
        }
        else
        {
            // A symlink is removed itself, never its target.
            File.Delete(path);
        }
    }

    // O_CREAT|O_EXCL: never through a symlink or over a file someone else put there; mode 0400 from the start.
    private static byte[] Create(string path)
    {
        byte[] key = NewKey();
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead,
        });
        stream.Write(key);
        stream.Flush();
        return key;
    }

    // The kernel's random source, read the one way SecretBroker reads it (no OpenSSL in a sidecar that needs none).
    private static byte[] NewKey()
    {
        var key = new byte[KeySize];
        SecretBroker.FileBackend.Internal.RandomKey.Fill(key);
        return key;
    }
}
