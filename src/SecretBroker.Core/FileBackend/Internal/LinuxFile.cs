using System.Runtime.InteropServices;
using System.Runtime.Versioning;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.FileBackend.Internal;

/// <summary>
/// Opens a file on Linux the way the file backend must: <c>O_NONBLOCK</c>, so that a FIFO at a secret path returns at
/// once instead of blocking until a writer appears, then <c>statx(2)</c> on the opened descriptor (no race with a
/// rename), refusing anything that is not a regular file. AOT-safe <see cref="LibraryImportAttribute"/> to libc.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class LinuxFile
{
    private const string Library = "libc";

    // Flag values shared by x86_64 and arm64 (the generic Linux ABI).
    private const int ReadOnly = 0;
    private const int NoControllingTerminal = 0x100;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;

    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 1;

    // struct statx is 256 bytes; stx_mode is a __u16 at offset 28 on every architecture.
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 28;

    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;
    private const int DirectoryType = 0x4000;

    private const int EPerm = 1;
    private const int ENoEnt = 2;
    private const int EIntr = 4;
    private const int ENxIo = 6;
    private const int EAccess = 13;
    private const int ENotDir = 20;

    /// <summary>
    /// Opens <paramref name="file"/> (following symlinks) for reading if it is a regular file. <paramref name="what"/>
    /// names it in errors. A missing file surfaces as <see cref="FileNotFoundException"/> for the caller to word.
    /// </summary>
    /// <exception cref="Backends.SecretBackendException">Not a regular file, access denied, or another error.</exception>
    public static SafeFileHandle OpenRegular(string file, string what)
    {
        int fd;
        do
        {
            fd = Open(file, ReadOnly | NonBlocking | CloseOnExec | NoControllingTerminal);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EIntr);

        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                ENoEnt or ENotDir => new FileNotFoundException(FileSecretErrors.Missing(what)),
                EAccess or EPerm => FileSecretErrors.AccessDenied(what),

                // open(2) of a Unix socket fails with ENXIO: say what is there rather than "no such device".
                ENxIo when TypeAt(file) is { } type && type != RegularFileType => NotRegular(type, what, file),
                _ => FileSecretErrors.OpenFailed(what, Marshal.GetPInvokeErrorMessage(errno), errno),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            int type = TypeOf(handle) ?? throw FileSecretErrors.OpenFailed(what, Marshal.GetLastPInvokeErrorMessage(), Marshal.GetLastPInvokeError());
            if (type != RegularFileType)
            {
                throw NotRegular(type, what, file);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static Backends.SecretBackendException NotRegular(int type, string what, string file) =>
        type == DirectoryType ? FileSecretErrors.IsDirectory(what) : FileSecretErrors.NotRegularFile(what, file, type);

    private static unsafe int? TypeOf(SafeFileHandle handle)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        return StatxFd(handle, string.Empty, AtEmptyPath, StatxType, buffer) == 0 ? *(ushort*)(buffer + ModeOffset) & FileTypeMask : null;
    }

    private static unsafe int? TypeAt(string path)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        new Span<byte>(buffer, StatxBufferSize).Clear();
        return StatxPath(AtFdCwd, path, 0, StatxType, buffer) == 0 ? *(ushort*)(buffer + ModeOffset) & FileTypeMask : null;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxFd(SafeFileHandle fd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxPath(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
