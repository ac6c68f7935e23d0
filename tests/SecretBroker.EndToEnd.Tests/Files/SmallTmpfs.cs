using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Files;

/// <summary>
/// A tiny tmpfs mounted (as root) over an existing directory, so a test can fill it and free it again: the files
/// output's "disk full" case, for real. Unmounted on dispose.
/// </summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="sizeKiB"/> KiB, mode 0755, at <paramref name="path"/> (which must exist).</summary>
    public static SmallTmpfs Mount(string path, int sizeKiB)
    {
        (int code, string error) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKiB}k,mode=0755", "tmpfs", path);
        Assert.True(code == 0, $"this test mounts a tmpfs and needs root (CAP_SYS_ADMIN): mount exited {code}: {error}");
        return new SmallTmpfs(path);
    }

    /// <summary>Writes a filler file until the file system says it is full.</summary>
    public void Fill()
    {
        using var stream = new FileStream(Filler, FileMode.Create, FileAccess.Write);
        byte[] chunk = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(chunk);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full, as intended.
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose() => Run("umount", "-l", Path);

    private static (int Code, string Error) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
