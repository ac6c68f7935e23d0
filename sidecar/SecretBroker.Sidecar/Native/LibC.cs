using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

/// <summary>
/// The few POSIX calls .NET has no managed form for (AOT-safe <see cref="LibraryImportAttribute"/>; Linux x86_64/arm64).
/// Each wrapper throws <see cref="IOException"/> with the C library's error text and the errno as its HResult. The
/// partial files group the wrappers by use: <c>.Status</c> (statx), <c>.Open</c> (open flags), <c>.Locks</c>
/// (flock), <c>.BoundedRead</c> (read/poll), <c>.Memory</c> (madvise, malloc_trim); every import and constant is declared once, here.
/// </summary>
internal static partial class LibC
{
    /// <summary><c>TMPFS_MAGIC</c> from <c>linux/magic.h</c>.</summary>
    public const long TmpfsMagic = 0x01021994;

    /// <summary><c>S_IFIFO</c>: a FIFO or a pipe (what <c>/dev/fd/N</c> of a process substitution opens).</summary>
    public const int FifoFileType = 0x1000;

    /// <summary><c>S_IFCHR</c>.</summary>
    public const int CharacterDeviceFileType = 0x2000;

    /// <summary><c>S_IFDIR</c>.</summary>
    public const int DirectoryFileType = 0x4000;

    /// <summary><c>S_IFBLK</c>.</summary>
    public const int BlockDeviceFileType = 0x6000;

    /// <summary><c>S_IFREG</c>.</summary>
    public const int RegularFileType = 0x8000;

    /// <summary><c>S_IFLNK</c>.</summary>
    public const int SymlinkFileType = 0xA000;

    /// <summary><c>S_IFSOCK</c>.</summary>
    public const int SocketFileType = 0xC000;

    /// <summary><c>EINTR</c>: a signal interrupted the call; try again.</summary>
    public const int EIntr = 4;

    /// <summary><c>EAGAIN</c> (= <c>EWOULDBLOCK</c>): nothing to read yet, or a lock held by another.</summary>
    public const int EAgain = 11;

    private const string Library = "libc";
    private const int ENoEnt = 2;
    private const int EExist = 17;
    private const int ELoop = 40;

    private const int FileTypeMask = 0xF000;

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

    private static IOException Failure(string operation, string path) => Failure(operation, path, Marshal.GetLastPInvokeError());

    private static IOException Failure(string operation, string path, int errno) =>
        new($"{operation} '{path}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    [LibraryImport(Library, EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatFs(string path, byte* buffer);

    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);

    [LibraryImport(Library, EntryPoint = "madvise", SetLastError = true)]
    private static partial int MAdvise(nint address, nuint length, int advice);

    [LibraryImport(Library, EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);

    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChown(SafeFileHandle fd, uint owner, uint group);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport(Library, EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [LibraryImport(Library, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkDir(string path, uint mode);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxFd(SafeFileHandle fd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle Open(string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int FLock(SafeFileHandle fd, int operation);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(SafeFileHandle fd, long length);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadNative(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int PollNative(PollFd* fds, nuint count, int timeoutMilliseconds);
}
