using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

// Opening a small file of our own without following a symlink or blocking on a FIFO, and reading who owns it from the
// open descriptor (no race with a rename). Used for the version key kept in the files directory.
internal static partial class LibC
{
    /// <summary>The type, permission bits, owner and size of an open file (<c>statx(2)</c> on the descriptor).</summary>
    public readonly record struct OpenFileStatus(int FileType, int Permissions, uint Owner, long Size);

    private const int ONoCtty = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ELoop = 40;

    // O_NOFOLLOW is one of the few open flags whose value differs between x86_64 and arm64.
    private static int NoFollow => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    /// <summary>
    /// Opens <paramref name="path"/> for reading without following a final symlink and without blocking on a FIFO;
    /// <see langword="null"/> when nothing is there.
    /// </summary>
    /// <exception cref="IOException">A symlink is there (ELOOP), or another error (the C library's text).</exception>
    public static SafeFileHandle? OpenNoFollow(string path)
    {
        SafeFileHandle file = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty | NoFollow);
        if (!file.IsInvalid)
        {
            return file;
        }

        int errno = Marshal.GetLastPInvokeError();
        file.Dispose();
        return errno switch
        {
            ENoEnt => null,
            ELoop => throw new IOException($"'{path}' is a symbolic link"),
            _ => throw Failure("open", path),
        };
    }

    /// <summary>The status of an open file.</summary>
    public static unsafe OpenFileStatus GetStatus(SafeFileHandle file, string pathForErrors)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (StatxFd(file, string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
        {
            throw Failure("statx", pathForErrors);
        }

        // struct statx: stx_uid __u32 at 20, stx_mode __u16 at 28, stx_size __u64 at 40 (the same on every arch).
        int mode = *(ushort*)(buffer + 28);
        return new OpenFileStatus(mode & FileTypeMask, mode & 0xFFF, *(uint*)(buffer + 20), *(long*)(buffer + 40));
    }
}
