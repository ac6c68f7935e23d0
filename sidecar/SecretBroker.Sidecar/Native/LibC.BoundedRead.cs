using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

/// <summary>
/// Opening and reading a file that may be a pipe or a FIFO without ever blocking forever: <c>open(2)</c> with
/// <c>O_NONBLOCK</c> (a FIFO with no writer would otherwise block <c>open</c> itself), <c>poll(2)</c> with a timeout,
/// <c>read(2)</c>. Linux values; the sidecar runs on Linux.
/// </summary>
internal static partial class LibC
{
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

    /// <summary><c>EINTR</c>: a signal interrupted the call; try again.</summary>
    public const int EIntr = 4;

    /// <summary><c>EAGAIN</c>: nothing to read yet on a non-blocking descriptor.</summary>
    public const int EAgain = 11;

    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int AtEmptyPath = 0x1000;
    private const short PollIn = 0x1;

    /// <summary>Opens <paramref name="path"/> read-only and non-blocking (symlinks followed); an invalid handle and <paramref name="errno"/> on failure.</summary>
    public static SafeFileHandle OpenNonBlocking(string path, out int errno)
    {
        SafeFileHandle handle = Open(path, ORdOnly | ONonBlock | OCloExec);
        errno = handle.IsInvalid ? Marshal.GetLastPInvokeError() : 0;
        return handle;
    }

    /// <summary>The file type bits (<c>S_IFMT</c>) of an open file, or <see langword="null"/> (and <paramref name="errno"/>) when <c>statx</c> fails.</summary>
    public static unsafe int? GetFileType(SafeFileHandle file, out int errno)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        if (StatxFd(file, string.Empty, AtEmptyPath, StatxType, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        return *(ushort*)(buffer + 28) & FileTypeMask;
    }

    /// <summary><c>read(2)</c> into <paramref name="destination"/>: bytes read, 0 at end of file, -1 with <paramref name="errno"/>.</summary>
    public static unsafe int Read(SafeFileHandle file, Span<byte> destination, out int errno)
    {
        fixed (byte* bytes = destination)
        {
            nint read = ReadNative(file, bytes, (nuint)destination.Length);
            errno = read < 0 ? Marshal.GetLastPInvokeError() : 0;
            return (int)read;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> for <paramref name="file"/> to have data or a closed writer.
    /// True when it is ready (or the wait was interrupted: the caller's read decides), false on timeout.
    /// </summary>
    /// <remarks>Linux reports no hang-up on a FIFO that has never had a writer, so a FIFO nobody writes to times out here.</remarks>
    public static unsafe bool WaitReadable(SafeFileHandle file, int timeoutMilliseconds)
    {
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            PollFd poll = new() { Fd = (int)file.DangerousGetHandle(), Events = PollIn };
            return PollNative(&poll, 1, timeoutMilliseconds) != 0;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxFd(SafeFileHandle directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadNative(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int PollNative(PollFd* fds, nuint count, int timeoutMilliseconds);
}
