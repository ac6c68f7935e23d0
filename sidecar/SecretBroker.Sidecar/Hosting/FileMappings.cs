using System.Globalization;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The read-only file mappings in <c>/proc/self/maps</c>: the executable's and each shared library's code and read-only
/// data (OpenSSL's <c>libcrypto</c> is 4 MiB resident after a TLS start). Writable mappings (data, relocated pages, the
/// runtime's rehydrated type data) and anonymous ones (<c>[heap]</c>, <c>[vdso]</c>, stacks) are never listed.
/// </summary>
internal static class FileMappings
{
    /// <summary>One mapping: start address and length in bytes.</summary>
    internal readonly record struct Range(nint Start, nuint Length);

    /// <summary>The read-only ranges of files in a <c>maps</c> text.</summary>
    public static IReadOnlyList<Range> ReadOnlyFileRanges(string mapsText)
    {
        List<Range> ranges = [];
        foreach (string line in mapsText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "start-end perms offset dev inode path": the path is the sixth field and may hold spaces.
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || !fields[5].StartsWith('/') || fields[1].Contains('w', StringComparison.Ordinal))
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
