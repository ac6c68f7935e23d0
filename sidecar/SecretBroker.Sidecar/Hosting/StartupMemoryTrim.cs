using System.Runtime.CompilerServices;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// Gives back the memory only the start used, once. A Native AOT image's code and read-only data are file pages the
/// kernel maps in 64 KiB runs around every page touched (fault-around; <c>MADV_RANDOM</c> does not turn it off on
/// Linux 6.18, measured), so parsing the config, validating it and composing the host leave most of the image
/// resident though an idle sidecar never runs that code again. Paging the image's read-only mappings out lets only
/// what the refresh loop touches come back; a compacting collection first returns the start's garbage.
/// </summary>
internal static class StartupMemoryTrim
{
    /// <summary>Whether there is an image of ours to trim: Native AOT on Linux (under the JIT the code is not in a file).</summary>
    public static bool Applies => OperatingSystem.IsLinux() && !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Trims; returns the ranges advised and the first error (0: none).</summary>
    public static (int Ranges, int Error) Run()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        // The C heap too: OpenSSL's and the runtime's start-up allocations freed since, returned to the kernel.
        LibC.TrimNativeHeap();

        // The kernel pages out only what this process alone maps: a library page other processes share stays.
        IReadOnlyList<FileMappings.Range> ranges = FileMappings.ReadOnlyFileRanges(File.ReadAllText("/proc/self/maps"));
        int error = 0;
        foreach (FileMappings.Range range in ranges)
        {
            int result = LibC.Advise(range.Start, range.Length, LibC.MAdvPageOut);
            error = error == 0 ? result : error;
        }

        return (ranges.Count, error);
    }

    /// <summary>The resident set in KiB (<c>VmRSS</c>), or -1.</summary>
    public static long ResidentKiB()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), out long kib))
            {
                return kib;
            }
        }

        return -1;
    }

}
