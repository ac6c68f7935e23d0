using System.Globalization;
using System.Text;

using Microsoft.Win32.SafeHandles;

using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// The exclusive lock of one output directory: <c>&lt;dir&gt;/..lock</c>, held with <c>flock(2)</c> for the life of the
/// writer and holding the holder's pid. Two sidecars writing one directory would delete each other's generations
/// (readers saw ENOENT); the second one is refused instead. The kernel drops the lock when the process ends, even on
/// kill -9, so a restart never finds it stuck. The file itself stays (deleting it would let two processes lock two
/// different files of one name).
/// </summary>
internal sealed class OutputDirectoryLock : IDisposable
{
    /// <summary>The lock file's name in the output directory (reserved: never removed, never a generation).</summary>
    public const string FileName = "..lock";

    private const UnixFileMode LockFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int MaxPidBytes = 32;

    private readonly SafeFileHandle _handle;

    private OutputDirectoryLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Takes the lock of <paramref name="directory"/> and records our pid in it.</summary>
    /// <exception cref="OutputDirectoryException">Another process holds it, or the lock file cannot be used.</exception>
    public static OutputDirectoryLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        SafeFileHandle handle;
        try
        {
            handle = LibC.OpenOrCreateNoFollow(path, LockFileMode);
        }
        catch (IOException ex)
        {
            throw new OutputDirectoryException($"outputs.files.dir '{directory}': cannot open its lock file '{FileName}': {FileErrorText.Describe(ex)}", ex);
        }

        try
        {
            LibC.EntryStatus status = LibC.GetStatus(handle, path);
            uint self = LibC.EffectiveUserId();
            if (!status.IsRegularFile || status.OwnerId != self)
            {
                throw new OutputDirectoryException($"outputs.files.dir '{directory}' holds a '{FileName}' that is not a regular file owned by this process (uid {self}); "
                    + "another user or program uses this directory. Give this sidecar a directory of its own");
            }

            if (!LibC.TryLockExclusive(handle, path))
            {
                throw new OutputDirectoryException($"outputs.files.dir '{directory}' is in use by another secretbroker (pid {HolderPid(handle)}, holding '{path}'); "
                    + "two sidecars must not write one directory: give each its own outputs.files.dir, or stop the other one");
            }

            LibC.Truncate(handle, 0, path);
            RandomAccess.Write(handle, Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"), 0);
            return new OutputDirectoryLock(handle);
        }
        catch (IOException ex)
        {
            handle.Dispose();
            throw new OutputDirectoryException($"outputs.files.dir '{directory}': cannot lock '{FileName}': {FileErrorText.Describe(ex)}", ex);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock (closing the file is what releases a flock).</summary>
    public void Dispose() => _handle.Dispose();

    private static string HolderPid(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[MaxPidBytes];
        try
        {
            int read = RandomAccess.Read(handle, buffer, 0);
            string text = Encoding.ASCII.GetString(buffer[..read]).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
