using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

internal sealed partial class GenerationWriter
{
    /// <summary>
    /// Makes <c>&lt;name&gt;</c> → <c>..data/&lt;name&gt;</c> exist for every current top-level entry (each secret, and
    /// <c>hf</c> when a secret has <c>profile: huggingface</c>) and only for those.
    /// </summary>
    private void ReconcileLinks()
    {
        HashSet<string> topLevel = CurrentTopLevel();
        foreach (string name in topLevel)
        {
            string link = Path.Combine(_directory, name);
            string target = $"{DataLink}/{name}";
            if (new FileInfo(link).LinkTarget == target)
            {
                continue;
            }

            // Temp link + rename: whatever stood at <name> is replaced in one step, never briefly absent.
            string tmp = Path.Combine(_directory, VisibleLinkTmp);
            RemoveOwnTemporary(tmp);
            File.CreateSymbolicLink(tmp, target);
            LibC.Rename(tmp, link);
        }

        foreach (FileSystemInfo entry in new DirectoryInfo(_directory).EnumerateFileSystemInfos())
        {
            // Only links this writer made (target "..data/<own name>", owned by our uid) are removed; other files are not ours.
            if (!entry.Name.StartsWith('.')
                && entry.LinkTarget == $"{DataLink}/{entry.Name}"
                && !topLevel.Contains(entry.Name)
                && IsOwnedBySelf(entry.FullName))
            {
                RemoveEntry(entry.FullName);
                _logger.SecretLinkRemoved(entry.Name, _directory);
            }
        }
    }

    /// <summary>
    /// Removes every <c>..</c> entry of ours except <c>..data</c>, the generation it points to and the retired ones kept.
    /// Ours: owned by our uid and named like a generation or a temporary link. Anything else is left alone (logged once).
    /// </summary>
    private void RemoveOtherEntries(bool isLeftover)
    {
        foreach (FileSystemInfo entry in new DirectoryInfo(_directory).EnumerateFileSystemInfos("..*"))
        {
            if (entry.Name is DataLink or OutputDirectoryLock.FileName || Hosting.OwnedStateFile.IsReserved(entry.Name)
                || entry.Name == _currentGeneration || IsRetired(entry.Name))
            {
                continue;
            }

            if (!(entry.Name is DataTmpLink or VisibleLinkTmp || IsGenerationName(entry.Name)) || !IsOwnedBySelf(entry.FullName))
            {
                if (_leftAlone.Add(entry.Name))
                {
                    _logger.ForeignEntryLeft(entry.Name, _directory);
                }

                continue;
            }

            try
            {
                RemoveEntry(entry.FullName);
                if (isLeftover)
                {
                    _logger.LeftoverRemoved(entry.Name, _directory);
                }
                else
                {
                    _logger.OldGenerationRemoved(entry.Name, _directory);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.RemovalFailed(entry.Name, _directory, ex);
            }
        }
    }

    /// <summary>The top-level names the current generation is reached through (<c>hf/token</c> counts as <c>hf</c>).</summary>
    private HashSet<string> CurrentTopLevel() => _current.Keys.Select(SecretFileLayout.TopLevelOf).ToHashSet(StringComparer.Ordinal);

    private void TryRemove(string path)
    {
        try
        {
            RemoveEntry(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.RemovalFailed(Path.GetFileName(path), _directory, ex);
        }
    }

    /// <summary>
    /// Clears a temporary link name before use. One another uid left there is not ours to remove: publishing fails
    /// (and is retried) instead.
    /// </summary>
    private void RemoveOwnTemporary(string path)
    {
        if (LibC.GetStatus(path, followSymlink: false) is { } status && status.OwnerId != _self)
        {
            throw new IOException($"'{Path.GetFileName(path)}' in '{_directory}' belongs to uid {status.OwnerId}; it is left alone and blocks publishing", 1 /* EPERM */);
        }

        RemoveEntry(path);
    }

    private bool IsOwnedBySelf(string path) => LibC.GetStatus(path, followSymlink: false) is { } status && status.OwnerId == _self;

    /// <summary>Removes a symlink (never its target), a file, or a directory tree; absent is fine.</summary>
    private static void RemoveEntry(string path)
    {
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }

        if ((attributes & FileAttributes.ReparsePoint) != 0 || (attributes & FileAttributes.Directory) == 0)
        {
            File.Delete(path);
            return;
        }

        // A generation directory (or its hf subdirectory) may have a mode without owner write (e.g. 0550): open it up to empty it.
        File.SetUnixFileMode(path, FillingMode);
        foreach (string subdirectory in Directory.EnumerateDirectories(path))
        {
            if ((File.GetAttributes(subdirectory) & FileAttributes.ReparsePoint) == 0)
            {
                File.SetUnixFileMode(subdirectory, FillingMode);
            }
        }

        Directory.Delete(path, recursive: true);
    }
}
