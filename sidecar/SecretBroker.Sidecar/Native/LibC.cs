using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

/// <summary>
/// The few POSIX calls .NET has no managed form for (AOT-safe <see cref="LibraryImportAttribute"/>; Linux x86_64/arm64).
/// Each wrapper throws <see cref="IOException"/> with the C library's error text.
/// </summary>
internal static partial class LibC
{
    /// <summary><c>TMPFS_MAGIC</c> from <c>linux/magic.h</c>.</summary>
    public const long TmpfsMagic = 0x01021994;

    private const string Library = "libc";

    // struct statfs is 120 bytes on x86_64/arm64; a larger zeroed buffer guards against layout surprises.
    private const int StatFsBufferSize = 256;

    // (uid_t)-1: "leave the owner alone".
    private const uint KeepOwner = uint.MaxValue;

    /// <summary>The file-system type (<c>f_type</c> of <c>statfs(2)</c>) of the file system holding <paramref name="path"/>.</summary>
    public static unsafe long GetFileSystemType(string path)
    {
        byte* buffer = stackalloc byte[StatFsBufferSize];
        new Span<byte>(buffer, StatFsBufferSize).Clear();
        if (StatFs(path, buffer) != 0)
        {
            throw Failure("statfs", path);
        }

        // f_type is the first field, a long (__fsword_t) on 64-bit Linux.
        return *(long*)buffer;
    }

    /// <summary><c>rename(2)</c>: atomically replaces <paramref name="newPath"/> (a symlink is renamed itself, not followed).</summary>
    public static void Rename(string oldPath, string newPath)
    {
        if (RenameNative(oldPath, newPath) != 0)
        {
            throw Failure("rename", $"{oldPath}' -> '{newPath}");
        }
    }

    /// <summary>Sets the group of <paramref name="path"/> without following a symlink (<c>lchown(2)</c> with owner -1).</summary>
    public static void SetGroup(string path, int group)
    {
        if (LChown(path, KeepOwner, (uint)group) != 0)
        {
            throw Failure($"chown to group {group}", path);
        }
    }

    /// <summary>Sets the group of an open file (<c>fchown(2)</c> with owner -1).</summary>
    public static void SetGroup(SafeFileHandle file, int group, string pathForErrors)
    {
        if (FChown(file, KeepOwner, (uint)group) != 0)
        {
            throw Failure($"chown to group {group}", pathForErrors);
        }
    }

    /// <summary>The process's effective user id (<c>geteuid(2)</c>).</summary>
    public static uint EffectiveUserId() => GetEuid();

    /// <summary>Sets the process umask (<c>umask(2)</c>, process-wide) and returns the previous one.</summary>
    public static uint SetUmask(uint mask) => Umask(mask);

    /// <summary>
    /// The file type bits (<c>S_IFMT</c> of <c>st_mode</c>) of <paramref name="path"/> without following a symlink,
    /// or <see langword="null"/> when nothing is there. Uses <c>statx(2)</c>, whose layout is the same on every arch.
    /// </summary>
    public static unsafe int? GetFileType(string path)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            if (Marshal.GetLastPInvokeError() == ENoEnt)
            {
                return null;
            }

            throw Failure("statx", path);
        }

        // struct statx: stx_mode is a __u16 at offset 28.
        return *(ushort*)(buffer + 28) & FileTypeMask;
    }

    /// <summary><c>S_IFSOCK</c>.</summary>
    public const int SocketFileType = 0xC000;

    private const int FileTypeMask = 0xF000;
    private const int StatxBufferSize = 256;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 1;
    private const int ENoEnt = 2;

    // HResult carries the errno, so callers can describe the failure in their own words.
    private static IOException Failure(string operation, string path) =>
        new($"{operation} '{path}' failed: {Marshal.GetLastPInvokeErrorMessage()} (errno {Marshal.GetLastPInvokeError()})", Marshal.GetLastPInvokeError());

    [LibraryImport(Library, EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatFs(string path, byte* buffer);

    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);

    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport(Library, EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChown(SafeFileHandle fd, uint owner, uint group);
}
