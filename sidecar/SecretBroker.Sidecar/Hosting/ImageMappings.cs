using System.Globalization;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The read-only mappings of the sidecar's own executable in <c>/proc/self/maps</c>: its code and read-only data.
/// Writable mappings (data, relocated pages, the runtime's rehydrated type data) are never listed.
/// </summary>
internal static class ImageMappings
{
    /// <summary>One mapping: start address and length in bytes.</summary>
    internal readonly record struct Range(nint Start, nuint Length);

    /// <summary>The read-only ranges of <paramref name="imagePath"/> in a <c>maps</c> text.</summary>
    public static IReadOnlyList<Range> ReadOnlyRanges(string mapsText, string imagePath)
    {
        List<Range> ranges = [];
        foreach (string line in mapsText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "start-end perms offset dev inode path": the path is the sixth field and may hold spaces.
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[5].Trim() != imagePath || fields[1].Contains('w', StringComparison.Ordinal))
            {
                continue;
            }

            string[] bounds = fields[0].Split('-');
            if (bounds.Length == 2
                && ulong.TryParse(bounds[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong start)
                && ulong.TryParse(bounds[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong end)
                && end > start)
            {
                ranges.Add(new Range((nint)start, (nuint)(end - start)));
            }
        }

        return ranges;
    }
}
