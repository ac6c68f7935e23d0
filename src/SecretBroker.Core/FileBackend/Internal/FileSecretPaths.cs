namespace SecretBroker.FileBackend.Internal;

/// <summary>Maps a secret id to a file inside the backend's directory, refusing anything that would leave it.</summary>
internal static class FileSecretPaths
{
    /// <summary>Returns the full path of <paramref name="id"/> under <paramref name="directory"/>, or throws a permanent error.</summary>
    public static string ResolveInside(string directory, string id)
    {
        if (string.IsNullOrEmpty(id)
            || id.Contains('\0', StringComparison.Ordinal)
            || Path.IsPathRooted(id)
            || id.Split('/', '\\').Contains(".."))
        {
            throw FileSecretErrors.OutsideDirectory(id, directory);
        }

        string root = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, id));
        if (!full.StartsWith(root, StringComparison.Ordinal) || full.Length == root.Length)
        {
            throw FileSecretErrors.OutsideDirectory(id, directory);
        }

        return full;
    }
}
