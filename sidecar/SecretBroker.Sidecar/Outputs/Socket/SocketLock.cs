namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// <c>&lt;socket&gt;.lock</c> (an <see cref="ExclusiveLockFile"/>), held for as long as the socket output runs. Taken
/// before the stale-socket check, so of two sidecars started on one socket exactly one gets past it, and the other
/// never mistakes the winner's socket (bound but not yet listening) for a stale one.
/// </summary>
internal static class SocketLock
{
    public static string LockPath(string socketPath) => socketPath + ".lock";

    /// <summary>Takes the lock, or throws <see cref="SocketPathException"/> naming the pid of the sidecar that holds it.</summary>
    public static ExclusiveLockFile Acquire(string socketPath)
    {
        string path = LockPath(socketPath);
        ExclusiveLockFile.Attempt attempt;
        try
        {
            attempt = ExclusiveLockFile.TryAcquire(path);
        }
        catch (IOException e)
        {
            throw new SocketPathException(SocketMessages.CannotLock(path, Diagnostics.IoProblemText.Describe(e)), e);
        }

        return attempt switch
        {
            { Lock: { } held } => held,
            { NotOurs: true } => throw new SocketPathException(SocketMessages.LockNotOurs(socketPath, path)),
            _ => throw new SocketPathException(SocketMessages.Locked(socketPath, path, "pid " + attempt.Holder)),
        };
    }
}
