using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecretBroker.Emulators.Oidc;

/// <summary>
/// Writes a projected volume the way the kubelet's AtomicWriter does (protocols.md §7): a fresh
/// <c>..&lt;timestamp&gt;.&lt;random&gt;</c> directory, a <c>..data_tmp</c> symlink renamed over <c>..data</c>,
/// a user-visible <c>&lt;file&gt; → ..data/&lt;file&gt;</c> link created once, the old directory removed.
/// </summary>
internal static class AtomicWriter
{
    private const string DataLink = "..data";
    private const string TempLink = "..data_tmp";

    public static void Write(string mountDirectory, string fileName, string content, TimeProvider time)
    {
        Directory.CreateDirectory(mountDirectory);
        var dataLink = Path.Combine(mountDirectory, DataLink);
        var oldTarget = new FileInfo(dataLink).LinkTarget;
        if (oldTarget is not null)
        {
            var current = Path.Combine(mountDirectory, oldTarget, fileName);
            if (File.Exists(current) && File.ReadAllText(current) == content)
            {
                return; // the kubelet writes nothing when the payload is unchanged
            }
        }

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss", CultureInfo.InvariantCulture);
        var generation = $"..{stamp}.{RandomNumberGenerator.GetInt32(1_000_000_000):D9}";
        var generationPath = Path.Combine(mountDirectory, generation);
        Directory.CreateDirectory(generationPath);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(generationPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                             UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                             UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.WriteAllBytes(Path.Combine(generationPath, fileName), Encoding.UTF8.GetBytes(content)); // no trailing newline

        var visible = Path.Combine(mountDirectory, fileName);
        if (new FileInfo(visible).LinkTarget is null)
        {
            File.CreateSymbolicLink(visible, Path.Combine(DataLink, fileName));
        }

        var tempLink = Path.Combine(mountDirectory, TempLink);
        File.Delete(tempLink);
        File.CreateSymbolicLink(tempLink, generation);
        // rename(2) over the old ..data link: readers see the old generation or the new one, never neither.
        Posix.Rename(tempLink, dataLink);

        if (oldTarget is not null && oldTarget != generation)
        {
            var old = Path.Combine(mountDirectory, oldTarget);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }
}
