using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

// The calls the files output needs beyond LibC.cs: owner and mode of an entry, mkdir that reports "already there",
// and the directory lock (open without following a symlink, flock, ftruncate).
internal static partial class LibC
{
    /// <summary><c>S_IFDIR</c>.</summary>
    public const int DirectoryFileType = 0x4000;

    /// <summary><c>S_IFREG</c>.</summary>
    public const int RegularFileType = 0x8000;

    /// <summary><c>S_IFLNK</c>.</summary>
    public const int SymlinkFileType = 0xA000;

    private const int EExist = 17;
    private const int EWouldBlock = 11;
    private const uint StatxTypeModeUid = 0x1 | 0x2 | 0x8; // STATX_TYPE | STATX_MODE | STATX_UID

    private const int ORdWr = 0x2;
    private const int OCreat = 0x40;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    private const int LockExclusive = 2; // LOCK_EX
    private const int LockNonBlocking = 4; // LOCK_NB

    /// <summary>Type, permission bits (with setuid/setgid/sticky) and owner of a file-system entry.</summary>
    public readonly record struct EntryStatus(int FileType, UnixFileMode Mode, uint OwnerId)
    {
        public bool IsDirectory => FileType == DirectoryFileType;

        public bool IsSymlink => FileType == SymlinkFileType;

        public bool IsRegularFile => FileType == RegularFileType;
    }

    /// <summary>
    /// <c>statx(2)</c> of <paramref name="path"/>, following a final symlink only when <paramref name="followSymlink"/>;
    /// <see langword="null"/> when nothing is there (or a symlink to be followed dangles).
    /// </summary>
    public static unsafe EntryStatus? GetStatus(string path, bool followSymlink)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (Statx(AtFdCwd, path, followSymlink ? 0 : AtSymlinkNoFollow, StatxTypeModeUid, buffer) != 0)
        {
            if (Marshal.GetLastPInvokeError() == ENoEnt)
            {
                return null;
            }

            throw Failure("statx", path);
        }

        // struct statx: stx_uid is a __u32 at offset 20, stx_mode a __u16 at offset 28.
        uint owner = *(uint*)(buffer + 20);
        int mode = *(ushort*)(buffer + 28);
        return new EntryStatus(mode & FileTypeMask, (UnixFileMode)(mode & 0xFFF), owner);
    }

    /// <summary>
    /// <c>mkdir(2)</c> with <paramref name="mode"/> (narrowed by the umask; callers chmod afterwards). Returns
    /// <see langword="false"/> when something already stands at <paramref name="path"/>, so a caller never changes the
    /// mode of a directory it did not create.
    /// </summary>
    public static bool MakeDirectory(string path, UnixFileMode mode)
    {
        if (MkDir(path, (uint)mode) == 0)
        {
            return true;
        }

        if (Marshal.GetLastPInvokeError() == EExist)
        {
            return false;
        }

        throw Failure("mkdir", path);
    }

    /// <summary>
    /// Opens (creating with <paramref name="mode"/> if missing) a file for reading and writing, never through a
    /// symlink, never blocking on a FIFO, and not inherited by child processes.
    /// </summary>
    public static SafeFileHandle OpenOrCreateNoFollow(string path, UnixFileMode mode)
    {
        SafeFileHandle handle = Open(path, ORdWr | OCreat | ONonBlock | OCloExec | NoFollowFlag, (uint)mode);
        if (handle.IsInvalid)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException($"open '{path}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
        }

        return handle;
    }

    /// <summary>Owner, type and mode of an open file (<c>statx(2)</c> with <c>AT_EMPTY_PATH</c>).</summary>
    public static unsafe EntryStatus GetStatus(SafeFileHandle file, string pathForErrors)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (StatxFd(file, string.Empty, AtEmptyPath, StatxTypeModeUid, buffer) != 0)
        {
            throw Failure("statx", pathForErrors);
        }

        int mode = *(ushort*)(buffer + 28);
        return new EntryStatus(mode & FileTypeMask, (UnixFileMode)(mode & 0xFFF), *(uint*)(buffer + 20));
    }

    /// <summary>
    /// <c>flock(2)</c> <c>LOCK_EX|LOCK_NB</c>: <see langword="true"/> when this open file now holds the exclusive lock,
    /// <see langword="false"/> when another open file holds a lock on it. Released when the handle closes (also on kill -9).
    /// </summary>
    public static bool TryLockExclusive(SafeFileHandle file, string pathForErrors)
    {
        if (FLock(file, LockExclusive | LockNonBlocking) == 0)
        {
            return true;
        }

        if (Marshal.GetLastPInvokeError() == EWouldBlock)
        {
            return false;
        }

        throw Failure("flock", pathForErrors);
    }

    /// <summary><c>ftruncate(2)</c>.</summary>
    public static void Truncate(SafeFileHandle file, long length, string pathForErrors)
    {
        if (FTruncate(file, length) != 0)
        {
            throw Failure("ftruncate", pathForErrors);
        }
    }

    // O_NOFOLLOW differs between architectures (asm-generic vs x86).
    private static int NoFollowFlag => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    private const int AtEmptyPath = 0x1000;

    [LibraryImport(Library, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkDir(string path, uint mode);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle Open(string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxFd(SafeFileHandle directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int FLock(SafeFileHandle fd, int operation);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(SafeFileHandle fd, long length);
}
