using System.Runtime.InteropServices;

namespace SecretBroker.Sidecar.Native;

internal static partial class LibC
{
    /// <summary>
    /// <c>MADV_PAGEOUT</c> (Linux 5.4): reclaim the range's pages now. Clean file pages only this process maps leave
    /// memory (and come back from the file on the next touch); a dirty private page is kept, never thrown away — unlike
    /// <c>MADV_DONTNEED</c>, which would revert a relocated page to the file's bytes.
    /// </summary>
    public const int MAdvPageOut = 21;

    /// <summary><c>madvise(2)</c>; returns the errno on failure (0 on success): advice is best effort, never fatal.</summary>
    public static int Advise(nint address, nuint length, int advice) =>
        MAdvise(address, length, advice) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary><c>malloc_trim(0)</c> (glibc): returns the C heap's free pages to the kernel; best effort.</summary>
    public static void TrimNativeHeap() => _ = MallocTrim(0);
}
