namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Folds repeated events per key for the audit logs (<see cref="SecretReadAudit"/>, <see cref="AccessDeniedAudit"/>): a
/// key's first event in a window is reported at once, its repeats only counted and taken as one total per window. A
/// key with no repeats in a whole window is forgotten, so its next event is reported at once again. At most
/// <c>maxKeys</c> keys are tracked, so memory stays bounded whatever the event rate. Thread-safe.
/// </summary>
internal sealed class RepeatFolder<TKey>(int maxKeys)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, int> _repeats = [];
    private int _untracked;
    private bool _closed;

    /// <summary>What <see cref="Record"/> decided.</summary>
    public enum Outcome
    {
        /// <summary>The key's first event in the window (or the folder is closed): report it now.</summary>
        First,

        /// <summary>A repeat: counted, reported in the window's total.</summary>
        Folded,

        /// <summary>A new key while <c>maxKeys</c> are tracked: not tracked; the caller reports or counts it.</summary>
        OverCapacity,
    }

    /// <summary>Records one event of <paramref name="key"/>.</summary>
    public Outcome Record(TKey key)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return Outcome.First;
            }

            if (_repeats.TryGetValue(key, out int repeats))
            {
                _repeats[key] = repeats + 1;
                return Outcome.Folded;
            }

            if (_repeats.Count >= maxKeys)
            {
                _untracked++;
                return Outcome.OverCapacity;
            }

            _repeats[key] = 0;
            return Outcome.First;
        }
    }

    /// <summary>
    /// Ends a window: returns each key's repeats since the last call (keys that repeated stay tracked, the others are
    /// forgotten) and how many events came over capacity.
    /// </summary>
    public (List<(TKey Key, int Count)> Repeats, int OverCapacity) TakeWindow()
    {
        List<(TKey Key, int Count)> pending = [];
        lock (_gate)
        {
            foreach ((TKey key, int repeats) in _repeats)
            {
                if (repeats > 0)
                {
                    pending.Add((key, repeats));
                }
            }

            _repeats.Clear();
            foreach ((TKey key, _) in pending)
            {
                // Still active: keep folding its events into the next window.
                _repeats[key] = 0;
            }

            int overCapacity = _untracked;
            _untracked = 0;
            return (pending, overCapacity);
        }
    }

    /// <summary>Stops folding: from now on every event is reported on its own (late events during shutdown are not lost).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _repeats.Clear();
        }
    }
}
