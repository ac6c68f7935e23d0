using System.Globalization;
using System.Text;

using Microsoft.Win32.SafeHandles;

using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs;

/// <summary>
/// A lock file held with an exclusive <c>flock(2)</c> for as long as this object lives, naming the holder's pid: how
/// the files output and the socket output each keep one sidecar per directory or socket. The kernel releases the lock
/// when the process ends, however it ends (kill -9 included), so a restart never finds it stuck. The file itself stays
/// (deleting a lock file races with the next holder, who could then lock a different file of the same name).
/// </summary>
internal sealed class ExclusiveLockFile : IDisposable
{
    private const UnixFileMode LockFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int MaxPidBytes = 32;

    private readonly SafeFileHandle _handle;

    private ExclusiveLockFile(SafeFileHandle handle) => _handle = handle;

    /// <summary>How an attempt ended: the lock, or who holds it, or a file at that path that is not ours to lock.</summary>
    internal readonly record struct Attempt(ExclusiveLockFile? Lock, string? Holder, bool NotOurs);

    /// <summary>
    /// Opens (creating 0600, never through a symlink, never blocking on a FIFO) and locks <paramref name="path"/>, then
    /// writes our pid into it. A file there that is not a regular file owned by our uid is not taken (another user or
    /// program uses the path).
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened, locked or written (errno in the HResult).</exception>
    public static Attempt TryAcquire(string path)
    {
        SafeFileHandle handle = LibC.OpenOrCreateNoFollow(path, LockFileMode);
        try
        {
            LibC.FileStatus status = LibC.GetStatus(handle, path);
            if (!status.IsRegularFile || status.OwnerId != LibC.EffectiveUserId())
            {
                handle.Dispose();
                return new Attempt(null, null, NotOurs: true);
            }

            if (!LibC.TryLockExclusive(handle, path))
            {
                // The holder writes its pid just after locking, so the file may still be empty; the kernel's list has no such gap.
                string holder = FlockHolder.Pid(path) is { } pid ? pid.ToString(CultureInfo.InvariantCulture) : PidWritten(handle) ?? "unknown";
                handle.Dispose();
                return new Attempt(null, holder, NotOurs: false);
            }

            LibC.Truncate(handle, 0, path);
            RandomAccess.Write(handle, Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"), 0);
            return new Attempt(new ExclusiveLockFile(handle), null, NotOurs: false);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock (closing the file is what releases a flock).</summary>
    public void Dispose() => _handle.Dispose();

    private static string? PidWritten(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[MaxPidBytes];
        try
        {
            string text = Encoding.ASCII.GetString(buffer[..RandomAccess.Read(handle, buffer, 0)]).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
