namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>A directory deleted on dispose: on tmpfs (/dev/shm) or on the disk under the test's bin folder.</summary>
internal sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);

        // 0755 whatever the umask: the sidecar refuses an output directory under a parent other users can write to.
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    /// <summary>A directory on tmpfs, where secrets may live.</summary>
    public static TempDirectory OnTmpfs() => new($"/dev/shm/sb-e2e-{Guid.NewGuid():N}");

    /// <summary>A directory on the (persistent) disk, for sandboxes that must never receive a secret.</summary>
    public static TempDirectory OnDisk() =>
        new(System.IO.Path.Combine(AppContext.BaseDirectory, "sandbox", Guid.NewGuid().ToString("N")));

    /// <summary>A directory on disk outside every git repository (the system temp dir), for a build that must not find .git.</summary>
    public static TempDirectory OutsideRepository() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sb-e2e-{Guid.NewGuid():N}"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a killed process may still be releasing files.
        }
    }
}
