namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// One labelled series of a <see cref="MetricFamily"/>: a running sum (counters, up-down counters), a last value
/// (gauges and observed instruments), or histogram buckets. Measurements arrive on any thread; one lock per series.
/// </summary>
internal sealed class MetricSeries(string labels, int bucketCount)
{
    private readonly Lock _lock = new();
    private readonly long[] _buckets = new long[bucketCount];
    private double _value;
    private long _count;

    /// <summary>The rendered labels without braces (<c>backend="local",outcome="changed"</c>); empty for none.</summary>
    public string Labels { get; } = labels;

    public void Add(double value)
    {
        lock (_lock)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    /// <summary>Counts <paramref name="value"/> in the first bucket whose upper bound it does not exceed (or only in +Inf).</summary>
    public void Observe(double value, IReadOnlyList<double> bounds)
    {
        int bucket = 0;
        while (bucket < bounds.Count && value > bounds[bucket])
        {
            bucket++;
        }

        lock (_lock)
        {
            if (bucket < _buckets.Length)
            {
                _buckets[bucket]++;
            }

            _value += value;
            _count++;
        }
    }

    /// <summary>A consistent copy: value (or sum), count, and per-bucket (not cumulative) counts.</summary>
    public (double Value, long Count, long[] Buckets) Read()
    {
        lock (_lock)
        {
            return (_value, _count, (long[])_buckets.Clone());
        }
    }
}
