using System.Runtime.InteropServices;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Owner and mode of a path from <c>statx(2)</c> (.NET has no managed form for a file's owner uid). The layout of
/// <c>struct statx</c> is the same on every Linux architecture.
/// </summary>
internal readonly partial record struct UnixFileStatus(uint Uid, uint Gid, int Mode)
{
    /// <summary><c>S_IFSOCK</c>.</summary>
    public const int SocketType = 0xC000;

    /// <summary><c>S_ISVTX</c>: in a directory, only an entry's owner (or the directory's) may rename or delete it.</summary>
    public const int Sticky = 0x200;

    /// <summary>Group and other write bits.</summary>
    public const int WritableByOthers = 0x12; // 0022

    private const int AtFdCwd = -100;
    private const uint StatxBasics = 0x1 | 0x2 | 0x8 | 0x10; // TYPE | MODE | UID | GID
    private const int BufferSize = 256;

    /// <summary>The <c>S_IFMT</c> bits of <see cref="Mode"/>.</summary>
    public int FileType => Mode & 0xF000;

    /// <summary>Whether group or others may create, rename or delete entries (in a directory).</summary>
    public bool IsWritableByOthers => (Mode & WritableByOthers) != 0;

    /// <summary>Whether the sticky bit is set.</summary>
    public bool IsSticky => (Mode & Sticky) != 0;

    /// <summary>The status of <paramref name="path"/> (symlinks followed, as <c>connect(2)</c> follows them), or the <c>errno</c>.</summary>
    public static UnixFileStatus? TryRead(string path, out int errno)
    {
        Span<byte> buffer = stackalloc byte[BufferSize];
        buffer.Clear();
        if (Statx(AtFdCwd, path, 0, StatxBasics, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;

        // struct statx: stx_uid u32 at 20, stx_gid u32 at 24, stx_mode u16 at 28.
        return new UnixFileStatus(
            MemoryMarshal.Read<uint>(buffer[20..]),
            MemoryMarshal.Read<uint>(buffer[24..]),
            MemoryMarshal.Read<ushort>(buffer[28..]));
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, Span<byte> buffer);
}
