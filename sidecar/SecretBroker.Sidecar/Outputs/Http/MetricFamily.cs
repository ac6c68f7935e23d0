using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>The Prometheus metric types the exporter writes.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>
/// One instrument as a Prometheus metric family: its name, type and help, and its series by label set. Counters and
/// up-down counters sum; gauges and observable instruments keep the last value (observed ones are re-read on every
/// scrape); histograms count into explicit buckets (the instrument's advice, else Prometheus' defaults).
/// </summary>
internal sealed class MetricFamily
{
    /// <summary>Prometheus client defaults, in seconds: a sensible spread for network calls.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly bool _lastValue;

    private MetricFamily(Instrument instrument, MetricKind kind, IReadOnlyList<double> bounds)
    {
        Kind = kind;
        Bounds = bounds;
        IsObservable = instrument.IsObservable;
        _lastValue = instrument.IsObservable || IsGeneric(instrument, typeof(Gauge<>));
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, kind == MetricKind.Counter);
        Help = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    public bool IsObservable { get; }

    public IReadOnlyList<double> Bounds { get; }

    /// <summary>A family for <paramref name="instrument"/>, or <see langword="null"/> for an instrument kind we do not export.</summary>
    public static MetricFamily? For(Instrument instrument)
    {
        if (IsGeneric(instrument, typeof(Counter<>)) || IsGeneric(instrument, typeof(ObservableCounter<>)))
        {
            return new MetricFamily(instrument, MetricKind.Counter, []);
        }

        if (IsGeneric(instrument, typeof(UpDownCounter<>)) || IsGeneric(instrument, typeof(ObservableUpDownCounter<>))
            || IsGeneric(instrument, typeof(ObservableGauge<>)) || IsGeneric(instrument, typeof(Gauge<>)))
        {
            return new MetricFamily(instrument, MetricKind.Gauge, []);
        }

        if (IsGeneric(instrument, typeof(Histogram<>)))
        {
            IReadOnlyList<double> bounds = instrument switch
            {
                Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advice } => advice,
                Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } advice } => advice.Select(static b => (double)b).ToArray(),
                _ => DefaultBuckets,
            };
            return new MetricFamily(instrument, MetricKind.Histogram, bounds);
        }

        return null;
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = RenderLabels(tags);
        MetricSeries series = _series.GetOrAdd(labels, static (key, buckets) => new MetricSeries(key, buckets), Bounds.Count + 1);
        switch (Kind)
        {
            case MetricKind.Histogram:
                series.Observe(value, Bounds);
                break;
            case var _ when _lastValue:
                series.Set(value);
                break;
            default:
                series.Add(value);
                break;
        }
    }

    /// <summary>Forgets observed series before a scrape re-reads them, so a secret that is gone leaves no stale series.</summary>
    public void ClearObserved()
    {
        if (IsObservable)
        {
            _series.Clear();
        }
    }

    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ');
        PrometheusText.AppendHelp(text, Help);
        text.Append("\n# TYPE ").Append(Name).Append(' ').Append(Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');

        if (_series.IsEmpty && Kind == MetricKind.Gauge && !_lastValue)
        {
            // An up-down counter nobody has moved yet is at zero (e.g. no open watchers); say so rather than nothing.
            AppendSample(text, Name, string.Empty, le: null, "0");
            return;
        }

        foreach (MetricSeries series in _series.Values.OrderBy(static s => s.Labels, StringComparer.Ordinal))
        {
            (double value, long count, long[] buckets) = series.Read();
            if (Kind != MetricKind.Histogram)
            {
                AppendSample(text, Name, series.Labels, le: null, PrometheusText.Value(value));
                continue;
            }

            long cumulative = 0;
            for (int i = 0; i < Bounds.Count; i++)
            {
                cumulative += buckets[i];
                AppendSample(text, Name + "_bucket", series.Labels, PrometheusText.Value(Bounds[i]), cumulative.ToString(CultureInfo.InvariantCulture));
            }

            AppendSample(text, Name + "_bucket", series.Labels, "+Inf", count.ToString(CultureInfo.InvariantCulture));
            AppendSample(text, Name + "_sum", series.Labels, le: null, PrometheusText.Value(value));
            AppendSample(text, Name + "_count", series.Labels, le: null, count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void AppendSample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    /// <summary>Labels sorted by name, so the same tags in any order are the same series.</summary>
    private static string RenderLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        KeyValuePair<string, object?>[] sorted = tags.ToArray();
        if (sorted.Length > 1)
        {
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        StringBuilder text = new(32 * sorted.Length);
        foreach (KeyValuePair<string, object?> tag in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(PrometheusText.LabelName(tag.Key)).Append("=\"");
            PrometheusText.AppendLabelValue(text, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty);
            text.Append('"');
        }

        return text.ToString();
    }

    private static bool IsGeneric(Instrument instrument, Type definition)
    {
        Type type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == definition;
    }
}
