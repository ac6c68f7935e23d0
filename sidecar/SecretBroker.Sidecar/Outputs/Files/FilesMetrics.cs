using System.Diagnostics.Metrics;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// The files output's instruments on the <c>SecretBroker</c> meter: whether the files lag behind the engine, failed
/// write attempts and layout repairs. No tags: there is one files output.
/// </summary>
internal sealed class FilesMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _writeFailures;
    private readonly Counter<long> _layoutRepairs;

    public FilesMetrics(IMeterFactory? meterFactory, FilesDeliveryState state)
    {
        ArgumentNullException.ThrowIfNull(state);

        // A factory owns (and disposes) its meters, and hands back the engine's meter for the same name.
        Meter meter = meterFactory?.Create("SecretBroker") ?? (_ownedMeter = new Meter("SecretBroker"));
        meter.CreateObservableGauge(
            "secretbroker.files.behind",
            () => state.IsBehind ? 1 : 0,
            unit: null,
            "1 while the files output does not hold the engine's current generation (a write failed and is being retried), else 0.");
        _writeFailures = meter.CreateCounter<long>(
            "secretbroker.files.write_failures", "{failure}", "Failed attempts to write the files output (each retry counts).");
        _layoutRepairs = meter.CreateCounter<long>(
            "secretbroker.files.layout_repairs", "{repair}", "Times the periodic layout check found ..data, a link or the generation broken and put it back.");
    }

    public void WriteFailed() => _writeFailures.Add(1);

    public void LayoutRepaired() => _layoutRepairs.Add(1);

    public void Dispose() => _ownedMeter?.Dispose();
}
