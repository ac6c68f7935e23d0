using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// What makes <c>outputs.files.dir</c> acceptable, checked without changing anything: by <c>check</c> and <c>run</c>
/// alike before anything starts (so the two never disagree), and again by <see cref="GenerationWriter"/> when it
/// initializes the directory.
/// </summary>
internal static class OutputDirectoryPolicy
{
    /// <summary>Every problem with <paramref name="files"/>'s directory as it stands now; empty when it can be used.</summary>
    /// <remarks>Messages name the directory and the problem, never a key path (the caller adds <c>outputs.files.dir</c>).</remarks>
    public static IReadOnlyList<string> Problems(FilesOutputSettings files)
    {
        ArgumentNullException.ThrowIfNull(files);
        List<string> problems = [];
        string directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(files.Directory));
        if (files.RequireTmpfs && TmpfsProblem(directory) is { } tmpfs)
        {
            problems.Add(tmpfs);
        }

        return problems;
    }

    private static string? TmpfsProblem(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return $"'{directory}' cannot be checked for tmpfs on this operating system; set outputs.files.requireTmpfs: false";
        }

        // A directory that does not exist yet will live on the file system of its nearest existing ancestor.
        string probe = directory;
        while (!Directory.Exists(probe))
        {
            probe = Path.GetDirectoryName(probe) ?? "/";
        }

        long type;
        try
        {
            type = LibC.GetFileSystemType(probe);
        }
        catch (IOException ex)
        {
            return $"'{directory}': cannot read its file system type: {ex.Message}";
        }

        return type == LibC.TmpfsMagic
            ? null
            : $"'{directory}' is not on tmpfs (it is on {FileSystemNames.Describe(type)}); secrets must not reach a persistent disk. "
                + "Mount an emptyDir with medium: Memory, or set outputs.files.requireTmpfs: false";
    }
}
