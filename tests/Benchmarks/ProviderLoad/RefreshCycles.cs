using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecretBroker.Benchmarks.ProviderLoad;

/// <summary>
/// Counts the refresh engine's <c>secretbroker.refreshes</c> (one per secret refreshed, any outcome) in this process,
/// so a measurement can run from one refresh-cycle boundary to another, as backend_calls_benchmark.py does with the
/// sidecar's /metrics.
/// </summary>
internal sealed class RefreshCycles : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _refreshes;

    public RefreshCycles()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SecretBroker" && instrument.Name == "secretbroker.refreshes")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _refreshes, value));
        _listener.Start();
    }

    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>Waits until a whole cycle (<paramref name="secrets"/> refreshes) has passed since <paramref name="mark"/>; returns the new mark.</summary>
    public async Task<long> NextAsync(int secrets, long mark, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Refreshes < mark + secrets)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"no whole refresh cycle within {timeout.TotalSeconds:0} s (refreshes {mark} → {Refreshes})");
            }

            await Task.Delay(10);
        }

        return Refreshes;
    }

    public void Dispose() => _listener.Dispose();
}
