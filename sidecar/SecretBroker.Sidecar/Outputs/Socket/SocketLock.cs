using System.Globalization;
using Microsoft.Win32.SafeHandles;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// <c>&lt;socket&gt;.lock</c>, held with an exclusive <c>flock(2)</c> for as long as the socket output runs and naming
/// the holder's pid. Taken before the stale-socket check, so of two sidecars started on one socket exactly one gets
/// past it, and the other never mistakes the winner's socket (bound but not yet listening) for a stale one. The
/// kernel releases the lock when the process dies, however it dies; the file itself is left in place (deleting a lock
/// file races with the next holder).
/// </summary>
internal sealed class SocketLock : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SocketLock(SafeFileHandle handle) => _handle = handle;

    public static string LockPath(string socketPath) => socketPath + ".lock";

    /// <summary>Takes the lock, or throws <see cref="SocketPathException"/> naming the pid of the sidecar that holds it.</summary>
    public static SocketLock Acquire(string socketPath)
    {
        string path = LockPath(socketPath);
        SafeFileHandle? handle;
        string holder;
        try
        {
            handle = LibC.TryLockExclusive(path, out holder);
        }
        catch (IOException e)
        {
            throw new SocketPathException(SocketMessages.CannotInspect(path, e.Message), e);
        }

        if (handle is null)
        {
            int? pid = FlockHolder.Pid(path);
            string holderText = pid is { } known ? "pid " + known.ToString(CultureInfo.InvariantCulture) : SocketMessages.HolderPid(holder);
            throw new SocketPathException(SocketMessages.Locked(socketPath, path, holderText));
        }

        try
        {
            LibC.Overwrite(handle, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", path);
        }
        catch (IOException e)
        {
            handle.Dispose();
            throw new SocketPathException(SocketMessages.CannotWriteLock(path), e);
        }

        return new SocketLock(handle);
    }

    public void Dispose() => _handle.Dispose();
}
