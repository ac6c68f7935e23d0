namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// At most one log line per <see cref="Interval"/> for an event a client can trigger at will (a 429 over a connection
/// budget): the first occurrence is logged at once, later ones within the interval are only counted, and the next line
/// carries that count. So a flood of refused requests costs one line per interval, not one per request.
/// </summary>
internal sealed class ThrottledWarning(TimeProvider timeProvider)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private long _lastLogged = long.MinValue;
    private int _count;

    /// <summary>
    /// Counts one occurrence; <see langword="true"/> when it should be logged now, with <paramref name="count"/>
    /// occurrences since the last line (this one included).
    /// </summary>
    public bool Occurred(out int count)
    {
        long now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            _count++;
            if (_lastLogged != long.MinValue && timeProvider.GetElapsedTime(_lastLogged, now) < Interval)
            {
                count = 0;
                return false;
            }

            _lastLogged = now;
            count = _count;
            _count = 0;
            return true;
        }
    }
}
