using Microsoft.Win32.SafeHandles;

using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Reads a config file's bytes with the size limit applied to what is read, not to what <c>stat</c> claims: a pipe
/// (<c>--config &lt;(…)</c>) or a FIFO reports no size, and a device such as <c>/dev/zero</c> never ends. Pipes and FIFOs
/// are read under a deadline, so a FIFO nobody writes to cannot hang <c>check</c> or <c>run</c>; directories and devices
/// are refused before anything is read.
/// </summary>
internal static class ConfigFileReader
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of <paramref name="path"/> into <paramref name="content"/>.
    /// Returns <see langword="null"/> on success, else the problem in our words.
    /// </summary>
    /// <param name="path">The config path; symlinks (and <c>/dev/fd/N</c>) are followed.</param>
    /// <param name="maxBytes">The largest file accepted; one byte more is an error.</param>
    /// <param name="pipeWait">How long a pipe or FIFO may take to deliver the whole file.</param>
    /// <param name="time">The clock the deadline is measured on.</param>
    /// <param name="content">The bytes read (empty on failure).</param>
    /// <param name="tooLarge">The problem when the file passes <paramref name="maxBytes"/>; <see langword="null"/>: a sidecar config's.</param>
    public static string? TryRead(string path, int maxBytes, TimeSpan pipeWait, TimeProvider time, out ArraySegment<byte> content, string? tooLarge = null)
    {
        tooLarge ??= ConfigMessages.TooLarge(maxBytes);
        content = ArraySegment<byte>.Empty;
        if (!OperatingSystem.IsLinux())
        {
            return TryReadPortably(path, maxBytes, tooLarge, out content);
        }

        // O_NONBLOCK: opening a FIFO for reading would otherwise wait, without limit, for a writer to open it.
        using SafeFileHandle file = LibC.OpenNonBlocking(path, out int openErrno);
        if (file.IsInvalid)
        {
            return IoProblemText.ForErrno(openErrno);
        }

        int? type = LibC.GetFileType(file, out int statErrno);
        bool isPipe = type == LibC.FifoFileType;
        string? refused = type switch
        {
            null => IoProblemText.ForErrno(statErrno),
            LibC.RegularFileType or LibC.FifoFileType => null,
            LibC.DirectoryFileType => ConfigMessages.IsADirectory,
            LibC.CharacterDeviceFileType or LibC.BlockDeviceFileType => ConfigMessages.IsADevice,
            _ => ConfigMessages.IsNotAFile,
        };
        if (refused is not null)
        {
            return refused;
        }

        // Grown as needed up to one byte past the limit: a config is a few kilobytes, and the sidecar's memory is measured.
        byte[] buffer = new byte[Math.Min(InitialBufferBytes, maxBytes + 1)];
        int total = 0;
        long started = time.GetTimestamp();
        while (true)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, maxBytes + 1L));
            }

            if (isPipe && !LibC.WaitReadable(file, RemainingMilliseconds(time, started, pipeWait)))
            {
                return ConfigMessages.PipeTimedOut(pipeWait);
            }

            int read = LibC.Read(file, buffer.AsSpan(total), out int readErrno);
            if (read == 0)
            {
                break;
            }

            if (read < 0)
            {
                if (readErrno is LibC.EAgain or LibC.EIntr)
                {
                    // Nothing yet (or a signal arrived): wait again, within what remains of the deadline.
                    if (isPipe && time.GetElapsedTime(started) >= pipeWait)
                    {
                        return ConfigMessages.PipeTimedOut(pipeWait);
                    }

                    continue;
                }

                return IoProblemText.ForErrno(readErrno);
            }

            total += read;
            if (total > maxBytes)
            {
                return tooLarge;
            }
        }

        content = new ArraySegment<byte>(buffer, 0, total);
        return null;
    }

    // macOS, for development only: the same limit on bytes read, without the FIFO deadline (the flags above are Linux's).
    private static string? TryReadPortably(string path, int maxBytes, string tooLarge, out ArraySegment<byte> content)
    {
        content = ArraySegment<byte>.Empty;
        byte[] buffer = new byte[maxBytes + 1];
        int total = 0;
        try
        {
            using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            int read;
            while (total <= maxBytes && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IoProblemText.Describe(e, path);
        }

        if (total > maxBytes)
        {
            return tooLarge;
        }

        content = new ArraySegment<byte>(buffer, 0, total);
        return null;
    }

    private static int RemainingMilliseconds(TimeProvider time, long started, TimeSpan wait) =>
        (int)Math.Clamp((wait - time.GetElapsedTime(started)).TotalMilliseconds, 0, int.MaxValue);
}
