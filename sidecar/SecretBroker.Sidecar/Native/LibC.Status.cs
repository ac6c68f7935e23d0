using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

// statx(2): one call, one layout on every architecture, by path or on an open descriptor (no race with a rename).
internal static partial class LibC
{
    private const int StatxBufferSize = 256;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>What <c>statx(2)</c> says of a file-system entry.</summary>
    /// <param name="FileType">The <c>S_IFMT</c> bits (<see cref="RegularFileType"/>, <see cref="DirectoryFileType"/>, …).</param>
    /// <param name="Mode">Permission bits with setuid, setgid and sticky.</param>
    /// <param name="OwnerId">The owner's uid.</param>
    /// <param name="GroupId">The group's gid.</param>
    /// <param name="Size">Size in bytes.</param>
    /// <param name="DeviceMajor">Major number of the device holding the entry.</param>
    /// <param name="DeviceMinor">Minor number of the device holding the entry.</param>
    /// <param name="Inode">Inode number.</param>
    public readonly record struct FileStatus(int FileType, UnixFileMode Mode, uint OwnerId, uint GroupId, long Size, uint DeviceMajor, uint DeviceMinor, ulong Inode)
    {
        public bool IsDirectory => FileType == DirectoryFileType;

        public bool IsSymlink => FileType == SymlinkFileType;

        public bool IsRegularFile => FileType == RegularFileType;
    }

    /// <summary>
    /// The status of <paramref name="path"/>, following a final symlink only when <paramref name="followSymlink"/>;
    /// <see langword="null"/> when nothing is there (or a symlink to be followed dangles).
    /// </summary>
    public static unsafe FileStatus? GetStatus(string path, bool followSymlink)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (Statx(AtFdCwd, path, followSymlink ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == ENoEnt ? null : throw Failure("statx", path, errno);
        }

        return ReadStatus(buffer);
    }

    /// <summary>The status of an open file.</summary>
    public static unsafe FileStatus GetStatus(SafeFileHandle file, string pathForErrors) =>
        TryGetStatus(file, out int errno) ?? throw Failure("statx", pathForErrors, errno);

    /// <summary>The status of an open file, or <see langword="null"/> and <paramref name="errno"/> when <c>statx</c> fails.</summary>
    public static unsafe FileStatus? TryGetStatus(SafeFileHandle file, out int errno)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (StatxFd(file, string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        return ReadStatus(buffer);
    }

    /// <summary>The file type bits of <paramref name="path"/> without following a symlink; <see langword="null"/> when nothing is there.</summary>
    public static int? GetFileType(string path) => GetStatus(path, followSymlink: false)?.FileType;

    // struct statx: stx_uid u32 at 20, stx_gid u32 at 24, stx_mode u16 at 28, stx_ino u64 at 32, stx_size u64 at 40,
    // stx_dev_major u32 at 136, stx_dev_minor u32 at 140.
    private static unsafe FileStatus ReadStatus(byte* buffer)
    {
        int mode = *(ushort*)(buffer + 28);
        return new FileStatus(
            mode & FileTypeMask,
            (UnixFileMode)(mode & 0xFFF),
            *(uint*)(buffer + 20),
            *(uint*)(buffer + 24),
            *(long*)(buffer + 40),
            *(uint*)(buffer + 136),
            *(uint*)(buffer + 140),
            *(ulong*)(buffer + 32));
    }
}
