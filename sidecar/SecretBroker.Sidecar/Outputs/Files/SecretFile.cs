using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>How a file that holds a secret is created in the output directory: every one is written this way.</summary>
internal static class SecretFile
{
    /// <summary>
    /// Creates <paramref name="path"/> (it must not exist) holding <paramref name="value"/>, flushed, with
    /// <c>outputs.files</c>' group and exactly its file mode.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> value, FilesOutputSettings settings)
    {
        // Created with the final mode, never wider: the file is not world-readable even for an instant.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = settings.FileMode,
        };
        using var stream = new FileStream(path, options);
        stream.Write(value);
        stream.Flush(flushToDisk: true);
        if (settings.Group is int group)
        {
            LibC.SetGroup(stream.SafeFileHandle, group, path);
        }

        // The umask may have stripped bits from UnixCreateMode, and chown may clear set-id bits: set the exact mode.
        File.SetUnixFileMode(stream.SafeFileHandle, settings.FileMode);
    }
}
