using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

// open(2) with the flags .NET does not expose: O_NONBLOCK (a FIFO with no writer would block open itself) and
// O_NOFOLLOW (never through a planted symlink).
internal static partial class LibC
{
    private const int ORdOnly = 0;
    private const int ORdWr = 0x2;
    private const int OCreat = 0x40;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    // O_NOFOLLOW is one of the few open flags whose value differs between architectures (asm-generic vs x86).
    private static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary>Opens <paramref name="path"/> read-only and non-blocking (symlinks followed); an invalid handle and <paramref name="errno"/> on failure.</summary>
    public static SafeFileHandle OpenNonBlocking(string path, out int errno)
    {
        SafeFileHandle handle = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty, 0);
        errno = handle.IsInvalid ? Marshal.GetLastPInvokeError() : 0;
        return handle;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading without following a final symlink and without blocking on a FIFO;
    /// <see langword="null"/> when nothing is there.
    /// </summary>
    /// <exception cref="IOException">A symlink is there (ELOOP), or another error (the C library's text).</exception>
    public static SafeFileHandle? OpenNoFollow(string path)
    {
        SafeFileHandle file = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty | ONoFollow, 0);
        if (!file.IsInvalid)
        {
            return file;
        }

        int errno = Marshal.GetLastPInvokeError();
        file.Dispose();
        return errno switch
        {
            ENoEnt => null,
            ELoop => throw new IOException($"'{path}' is a symbolic link", errno),
            _ => throw Failure("open", path, errno),
        };
    }

    /// <summary>
    /// Opens (creating with <paramref name="mode"/> if missing) a file for reading and writing, never through a
    /// symlink, never blocking on a FIFO, and not inherited by child processes.
    /// </summary>
    public static SafeFileHandle OpenOrCreateNoFollow(string path, UnixFileMode mode)
    {
        SafeFileHandle handle = Open(path, ORdWr | OCreat | ONonBlock | OCloExec | ONoCtty | ONoFollow, (uint)mode);
        if (handle.IsInvalid)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw Failure("open", path, errno);
        }

        return handle;
    }
}
