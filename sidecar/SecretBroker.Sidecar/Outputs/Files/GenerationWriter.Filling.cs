using System.Globalization;

using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>Filling: a new generation directory with its files, exact modes and group, then the <c>..data</c> swap.</summary>
internal sealed partial class GenerationWriter
{
    private string NewGenerationName()
    {
        string stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss.fffffff", CultureInfo.InvariantCulture);
        while (true)
        {
            string name = $"..{stamp}.{Random.Shared.GetHexString(8, lowercase: true)}";
            if (!Path.Exists(Path.Combine(_directory, name)))
            {
                return name;
            }
        }
    }

    private void FillGeneration(string generationPath, Dictionary<string, ReadOnlyMemory<byte>> files, List<string> carried)
    {
        Directory.CreateDirectory(generationPath, FillingMode);
        HashSet<string> subdirectories = new(StringComparer.Ordinal);
        foreach ((string path, ReadOnlyMemory<byte> content) in files)
        {
            WriteSecretFile(PrepareFilePath(generationPath, path, subdirectories), content);
        }

        foreach (string path in carried)
        {
            // The last delivered value, from the generation being replaced (tmpfs; never leaves it).
            byte[] last = File.ReadAllBytes(Path.Combine(_directory, _currentGeneration!, path));
            WriteSecretFile(PrepareFilePath(generationPath, path, subdirectories), last);
        }

        foreach (string subdirectory in subdirectories)
        {
            SetDirectoryOwnershipAndMode(Path.Combine(generationPath, subdirectory));
        }

        SetDirectoryOwnershipAndMode(generationPath);
    }

    /// <summary>The full path of <paramref name="path"/> in the generation, creating its subdirectory (owner-only while filling).</summary>
    private static string PrepareFilePath(string generationPath, string path, HashSet<string> subdirectories)
    {
        string top = SecretFileLayout.TopLevelOf(path);
        if (top.Length != path.Length && subdirectories.Add(top))
        {
            Directory.CreateDirectory(Path.Combine(generationPath, top), FillingMode);
        }

        return Path.Combine(generationPath, path);
    }

    private void SetDirectoryOwnershipAndMode(string path)
    {
        if (_settings.Group is int group)
        {
            LibC.SetGroup(path, group);
        }

        // Exactly the configured mode (neither umask nor chown may leave it different).
        File.SetUnixFileMode(path, _settings.DirectoryMode);
    }

    private void WriteSecretFile(string path, ReadOnlyMemory<byte> value) => SecretFile.Write(path, value.Span, _settings);

    private void PublishData(string generationName)
    {
        string tmp = Path.Combine(_directory, DataTmpLink);
        RemoveOwnTemporary(tmp);
        File.CreateSymbolicLink(tmp, generationName);

        // rename(2) replaces ..data in one step; every open after this resolves to the new generation.
        LibC.Rename(tmp, Path.Combine(_directory, DataLink));
    }
}
