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

    /// <summary>
    /// Owner uid, group id and mode bits (<c>st_mode</c>, type included) of <paramref name="path"/>, following symlinks;
    /// <see langword="null"/> when nothing is there.
    /// </summary>
    public static unsafe (uint Uid, uint Gid, int Mode)? GetOwnerAndMode(string path)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (Statx(AtFdCwd, path, 0, StatxType | StatxMode | StatxUid | StatxGid, buffer) != 0)
        {
            if (Marshal.GetLastPInvokeError() == ENoEnt)
            {
                return null;
            }

            throw Failure("statx", path);
        }

        // struct statx: stx_uid u32 at 20, stx_gid u32 at 24, stx_mode u16 at 28.
        return (*(uint*)(buffer + 20), *(uint*)(buffer + 24), *(ushort*)(buffer + 28));
    }

    /// <summary>Device (major, minor) and inode number of <paramref name="path"/>, without following a symlink.</summary>
    public static unsafe (uint Major, uint Minor, ulong Inode) GetFileIdentity(string path)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxIno, buffer) != 0)
        {
            throw Failure("statx", path);
        }

        // struct statx: stx_ino u64 at 32, stx_dev_major u32 at 136, stx_dev_minor u32 at 140.
        return (*(uint*)(buffer + 136), *(uint*)(buffer + 140), *(ulong*)(buffer + 32));
    }

    /// <summary>
    /// Opens (creating it 0600 if needed, never through a symlink) a lock file and takes an exclusive <c>flock(2)</c>
    /// on it without waiting. <see langword="null"/> when another process holds the lock; the lock lasts as long as the
    /// returned handle is open. <paramref name="holderText"/> is then the start of the file as the holder wrote it.
    /// </summary>
    public static SafeFileHandle? TryLockExclusive(string path, out string holderText)
    {
        holderText = string.Empty;
        int noFollow = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? ONoFollowArm64 : ONoFollow;
        SafeFileHandle handle = Open(path, ORdWr | OCreat | noFollow | OCloExec, 0b110_000_000);
        if (handle.IsInvalid)
        {
            IOException failure = Failure("open", path);
            handle.Dispose();
            throw failure;
        }

        if (FLock(handle, LockExclusive | LockNonBlocking) == 0)
        {
            return handle;
        }

        int errno = Marshal.GetLastPInvokeError();
        IOException? other = errno == EWouldBlock ? null : Failure("flock", path);
        if (other is null)
        {
            // .NET's own file APIs would try a shared flock and fail against the holder's: read through our handle.
            byte[] start = new byte[64];
            holderText = System.Text.Encoding.ASCII.GetString(start, 0, RandomAccess.Read(handle, start, 0));
        }

        handle.Dispose();
        return other is null ? null : throw other;
    }

    /// <summary>Replaces the contents of an open file with <paramref name="text"/> (<c>ftruncate(2)</c>, then <c>pwrite(2)</c>).</summary>
    public static void Overwrite(SafeFileHandle file, string text, string pathForErrors)
    {
        if (FTruncate(file, 0) != 0)
        {
            throw Failure("ftruncate", pathForErrors);
        }

        RandomAccess.Write(file, System.Text.Encoding.ASCII.GetBytes(text), 0);
    }

    /// <summary><c>S_IFSOCK</c>.</summary>
    public const int SocketFileType = 0xC000;

    private const int FileTypeMask = 0xF000;
    private const int StatxBufferSize = 256;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 1;
    private const uint StatxMode = 2;
    private const uint StatxUid = 8;
    private const uint StatxGid = 0x10;
    private const uint StatxIno = 0x100;
    private const int ORdWr = 2;
    private const int OCreat = 0x40;
    private const int ONoFollow = 0x20000; // x86_64
    private const int ONoFollowArm64 = 0x8000;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int EWouldBlock = 11;
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

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle Open(string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int FLock(SafeFileHandle fd, int operation);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(SafeFileHandle fd, long length);

    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChown(SafeFileHandle fd, uint owner, uint group);
}
