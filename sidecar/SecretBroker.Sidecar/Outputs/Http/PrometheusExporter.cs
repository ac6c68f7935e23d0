using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// Turns one meter's instruments into the Prometheus text format, with a <see cref="MeterListener"/> and nothing else:
/// no OpenTelemetry SDK, no middleware, no reflection (see README, "Loopback HTTP", for why). Listens from
/// construction, so measurements taken while the sidecar starts are counted; observable instruments are read at
/// scrape time. Only instruments of <paramref name="meterName"/> in <paramref name="scope"/> (the host's meter factory,
/// when given) are exported, so two hosts in one process never mix their figures.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly MeterListener _listener;
    private readonly Lock _scrape = new();

    public PrometheusExporter(string meterName, object? scope)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != meterName || (scope is not null && !ReferenceEquals(instrument.Meter.Scope, scope)))
                {
                    return;
                }

                if (MetricFamily.For(instrument) is { } family)
                {
                    _families[instrument] = family;
                    listener.EnableMeasurementEvents(instrument, family);
                }
            },
            MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>The current figures as one text exposition, families ordered by name.</summary>
    public string Scrape()
    {
        // One scrape at a time: observed series are cleared and re-read together.
        lock (_scrape)
        {
            foreach (MetricFamily family in _families.Values)
            {
                family.ClearObserved();
            }

            _listener.RecordObservableInstruments();
            StringBuilder text = new(4096);
            foreach (MetricFamily family in _families.Values.OrderBy(static f => f.Name, StringComparer.Ordinal))
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();
}
