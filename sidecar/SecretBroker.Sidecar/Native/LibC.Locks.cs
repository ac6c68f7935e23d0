using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace SecretBroker.Sidecar.Native;

// flock(2): the lock files that keep one sidecar per output directory and per socket.
internal static partial class LibC
{
    private const int LockExclusive = 2; // LOCK_EX
    private const int LockNonBlocking = 4; // LOCK_NB

    /// <summary>
    /// <c>flock(2)</c> <c>LOCK_EX|LOCK_NB</c>: <see langword="true"/> when this open file now holds the exclusive lock,
    /// <see langword="false"/> when another open file holds a lock on it. Released when the handle closes (also on kill -9).
    /// </summary>
    public static bool TryLockExclusive(SafeFileHandle file, string pathForErrors)
    {
        if (FLock(file, LockExclusive | LockNonBlocking) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno == EAgain ? false : throw Failure("flock", pathForErrors, errno);
    }

    /// <summary><c>ftruncate(2)</c>.</summary>
    public static void Truncate(SafeFileHandle file, long length, string pathForErrors)
    {
        if (FTruncate(file, length) != 0)
        {
            throw Failure("ftruncate", pathForErrors);
        }
    }
}
