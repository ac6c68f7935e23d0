namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The socket's two connection budgets. Plain requests: connections open, minus those sitting in a long poll, may not
/// exceed <c>maxConnections</c> (beyond it plain requests get 429; <c>/healthz</c> and <c>/readyz</c> are still answered).
/// Long polls: at most <see cref="MaxWatchers"/> wait at once (beyond it the long poll gets 429), and a connection
/// waiting in one does not count against the plain budget — so long polls can never crowd out reads or probes.
/// </summary>
internal sealed class SocketConnectionBudget(int maxConnections, int maxWatchers = SocketConnectionBudget.DefaultMaxWatchers)
{
    /// <summary>Long polls (<c>?wait=N</c>) waiting at once, at most.</summary>
    public const int DefaultMaxWatchers = 256;

    private int _open;
    private int _watching;

    public int MaxConnections => maxConnections;

    public int MaxWatchers => maxWatchers;

    /// <summary>Connections open right now (long polls included).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Connections waiting in a long poll right now.</summary>
    public int Watching => Volatile.Read(ref _watching);

    /// <summary>Whether a plain request now finds more connections than <c>maxConnections</c> outside long polls.</summary>
    public bool PlainOverCapacity => OpenConnections - Watching > maxConnections;

    public int ConnectionOpened() => Interlocked.Increment(ref _open);

    public void ConnectionClosed() => Interlocked.Decrement(ref _open);

    /// <summary>Moves a connection into the long-poll budget; <see langword="false"/> (nothing changed) when it is full.</summary>
    public bool TryStartWatching()
    {
        if (Interlocked.Increment(ref _watching) <= maxWatchers)
        {
            return true;
        }

        Interlocked.Decrement(ref _watching);
        return false;
    }

    public void EndWatching() => Interlocked.Decrement(ref _watching);
}
