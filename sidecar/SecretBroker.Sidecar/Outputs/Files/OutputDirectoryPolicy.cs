using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// What makes <c>outputs.files.dir</c> acceptable, checked without changing anything: by <c>check</c> and <c>run</c>
/// alike before anything starts (so the two never disagree), and again by <see cref="GenerationWriter"/> when it
/// initializes the directory (before and after creating what is missing).
/// </summary>
/// <remarks>
/// Unless <c>allowSharedDir</c> is set, the directory must be private to this process's uid: owned by it or root, not
/// writable by group or others (a sticky <c>1777</c> directory such as <c>/dev/shm</c> still lets every user create
/// entries in it), and every existing parent must be owned by it or root and be writable by others only when sticky
/// (otherwise anyone could rename the directory away and put their own in its place).
/// </remarks>
internal static class OutputDirectoryPolicy
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

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

        if (!OperatingSystem.IsLinux())
        {
            return problems;
        }

        try
        {
            if (LibC.GetStatus(directory, followSymlink: true) is { IsDirectory: false })
            {
                problems.Add($"'{directory}' exists and is not a directory");
            }
            else if (!files.AllowSharedDirectory)
            {
                problems.AddRange(SharedDirectoryProblems(directory, LibC.EffectiveUserId()));
            }

            // The directories the sidecar creates (the output directory, each generation) get dirMode.
            if (!files.AllowSharedDirectory && (files.DirectoryMode & WritableByOthers) != 0)
            {
                problems.Add($"'{directory}': dirMode {Octal(files.DirectoryMode)} lets the group write in the directories the sidecar creates; "
                    + "drop the group write bit, or set outputs.files.allowSharedDir: true");
            }
        }
        catch (IOException ex)
        {
            problems.Add($"'{directory}': cannot read its owner and mode: {IoProblemText.Describe(ex)}");
        }

        return problems;
    }

    private static IEnumerable<string> SharedDirectoryProblems(string directory, uint self)
    {
        const string Allow = "or set outputs.files.allowSharedDir: true if every user who can write there is trusted";
        if (LibC.GetStatus(directory, followSymlink: true) is { } own)
        {
            if (own.OwnerId != self && own.OwnerId != 0)
            {
                yield return $"'{directory}' is owned by uid {own.OwnerId}, not by this process (uid {self}) or root: "
                    + $"another user controls what it holds. Use a directory of your own (a missing one is created with dirMode), {Allow}";
            }

            if ((own.Mode & WritableByOthers) != 0)
            {
                yield return $"'{directory}' is writable by other users (mode {Octal(own.Mode)}): they could create, replace or remove entries in it. "
                    + $"Run chmod go-w '{directory}', use a directory of your own (a missing one is created with dirMode), {Allow}";
            }
        }

        foreach (DirectoryAncestry.UnsafeParent parent in DirectoryAncestry.UnsafeParents(directory, self))
        {
            if (parent.ForeignOwner)
            {
                yield return $"its parent '{parent.Path}' is owned by uid {parent.Owner}, not by this process (uid {self}) or root: "
                    + $"that user could put another directory in place of '{directory}'. Choose a path under directories you or root own, {Allow}";
            }

            if (parent.WritableByOthers)
            {
                yield return $"its parent '{parent.Path}' is writable by other users and not sticky (mode {Octal(parent.Mode)}): anyone could rename "
                    + $"'{directory}' away and put their own in its place. Run chmod go-w '{parent.Path}' (or remove it if an earlier run left it: "
                    + $"missing parents are created 0755), {Allow}";
            }
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

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
            return $"'{directory}': cannot read its file system type: {IoProblemText.Describe(ex)}";
        }

        return type == LibC.TmpfsMagic
            ? null
            : $"'{directory}' is not on tmpfs (it is on {FileSystemNames.Describe(type)}); secrets must not reach a persistent disk. "
                + "Mount an emptyDir with medium: Memory, or set outputs.files.requireTmpfs: false";
    }
}
