using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

/// <summary>
/// Opening and reading a file that may be a pipe or a FIFO without ever blocking forever: <c>open(2)</c> with
/// <c>O_NONBLOCK</c> (a FIFO with no writer would otherwise block <c>open</c> itself), <c>poll(2)</c> with a timeout,
/// <c>read(2)</c>. Linux values; the sidecar runs on Linux. (The open is in <c>.Open</c>.)
/// </summary>
internal static partial class LibC
{
    private const short PollIn = 0x1;

    /// <summary>The file type bits (<c>S_IFMT</c>) of an open file, or <see langword="null"/> (and <paramref name="errno"/>) when <c>statx</c> fails.</summary>
    public static int? GetFileType(SafeFileHandle file, out int errno) => TryGetStatus(file, out errno)?.FileType;

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
}
