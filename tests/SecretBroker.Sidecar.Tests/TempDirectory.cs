namespace SecretBroker.Sidecar.Tests;

/// <summary>A fresh directory removed on dispose; under /dev/shm (tmpfs) when asked, else the temp directory.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(bool onTmpfs = false)
    {
        string root = onTmpfs && Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, "secretbroker-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);

        // 0755 whatever the umask: the sidecar refuses an output directory under a parent other users can write to.
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> under the directory and returns the full path.</summary>
    public string Write(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
