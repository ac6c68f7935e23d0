using System.Diagnostics.Metrics;

namespace SecretBroker.Internal;

/// <summary>The engine's instruments on the <c>SecretBroker</c> meter. Tags carry names and backends, never values.</summary>
internal sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "SecretBroker";

    // Seconds, 5 ms to 10 s (the Prometheus client defaults): backend calls are network calls. Given as advice so any
    // exporter (OpenTelemetry's included) buckets them this way without a view; OpenTelemetry's own default is in ms.
    private static readonly double[] RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _refreshes;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _throttled;

    public EngineMetrics(IMeterFactory? meterFactory, Func<SecretGeneration> current, TimeProvider time)
    {
        // A factory owns (and disposes) its meters; a private meter is ours to dispose.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _refreshes = _meter.CreateCounter<long>(
            "secretbroker.refreshes", "{refresh}", "Secret refreshes by backend and outcome (changed, unchanged, failed).");
        _requestDuration = _meter.CreateHistogram<double>(
            "secretbroker.backend.request.duration",
            "s",
            "Duration of backend calls by operation (fetch, probe, renew).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestDurationBuckets });
        _throttled = _meter.CreateCounter<long>(
            "secretbroker.backend.throttled", "{pause}", "Pauses of a backend after it answered a throttle (429 with Retry-After).");
        _meter.CreateObservableGauge(
            "secretbroker.secrets.stale",
            () => current().Secrets.Values.Count(static e => e.Stale),
            "{secret}",
            "Secrets served from the last good value while their backend fails.");
        _meter.CreateObservableGauge(
            "secretbroker.secrets.expired",
            () => current().Expired.Count,
            "{secret}",
            "Secrets withdrawn right now because the lease of their value ended and no refresh replaced it.");
        _meter.CreateObservableGauge(
            "secretbroker.secret.age",
            () => ObserveAges(current(), time.GetUtcNow()),
            "s",
            "Seconds since each secret's current version first appeared.");
    }

    public void RecordRefresh(string backend, string outcome) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordRequest(string backend, string operation, TimeSpan elapsed) =>
        _requestDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("backend", backend),
            new KeyValuePair<string, object?>("operation", operation));

    public void RecordThrottle(string backend) =>
        _throttled.Add(1, new KeyValuePair<string, object?>("backend", backend));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static IEnumerable<Measurement<double>> ObserveAges(SecretGeneration generation, DateTimeOffset now) =>
        generation.Secrets.Values.Select(e => new Measurement<double>(
            (now - e.UpdatedAt).TotalSeconds, new KeyValuePair<string, object?>("secret", e.Name)));
}
