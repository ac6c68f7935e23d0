using System.Diagnostics.Metrics;

using SecretBroker.Backends;
using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// A running <see cref="FilesOutputService"/> over a real engine (file backend, secret <c>a</c>) and a real writer on
/// tmpfs, all on one fake clock, with its metrics collected. The service works on the thread pool, so tests wait for
/// conditions with a deadline (never for time to pass: time only moves when a test advances the fake clock).
/// </summary>
internal sealed class FilesServiceHarness : IAsyncDisposable
{
    private readonly TempDirectory _source = new(onTmpfs: true);
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _measurements = [];

    public FilesServiceHarness()
    {
        SetSource("1");
        Engine = new SecretRefreshEngine(
            [new SecretDefinition("a", "local", "a", TimeSpan.FromHours(1))],
            new Dictionary<string, ISecretBackend> { ["local"] = new FileSecretBackend(new FileSecretBackendOptions { Path = _source.Path }) },
            options: null,
            Output.Clock);
        Writer = Output.Writer();
        Readiness = new SidecarReadiness(Engine, State);
        Service = new FilesOutputService(Engine, Writer, State, Output.Clock, Logger, Meters);

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == Meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value, accumulate: true));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value, accumulate: false));
        _listener.Start();
    }

    public OutputDirectory Output { get; } = OutputDirectory.OnTmpfs();

    public SecretRefreshEngine Engine { get; }

    public GenerationWriter Writer { get; }

    public FilesDeliveryState State { get; } = new();

    public SidecarReadiness Readiness { get; }

    public FilesOutputService Service { get; }

    public RecordingLogger<FilesOutputService> Logger { get; } = new();

    public TestMeterFactory Meters { get; } = new();

    public int Logged(int eventId) => Logger.Events.Count(e => e.EventId == eventId);

    /// <summary>The counter's total, or the gauge's last observed value.</summary>
    public long Metric(string name)
    {
        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            return _measurements.GetValueOrDefault(name);
        }
    }

    public void SetSource(string value) => File.WriteAllText(Path.Combine(_source.Path, "a"), value);

    /// <summary>Initializes the directory, starts the service and loads the engine (value "1"), then waits for the file.</summary>
    public async Task StartAsync()
    {
        Writer.Initialize();
        await Service.StartAsync(CancellationToken.None);
        await Engine.LoadAsync(CancellationToken.None);
        await UntilAsync(() => Visible() == "1" && State.Delivered is { Number: > 0 }, "the first generation written and recorded");
    }

    /// <summary>Changes the source and has the engine publish the new value.</summary>
    public async Task RotateAsync(string value)
    {
        SetSource(value);
        await Engine.RefreshAsync("a", CancellationToken.None);
    }

    public string? Visible()
    {
        try
        {
            return Output.ReadVisible("a");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; with <paramref name="advanceBy"/>, moves the fake clock on by
    /// that much between looks (so timers the service set meanwhile fire too).
    /// </summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? advanceBy = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"timed out waiting for {what}");
            if (advanceBy is { } step)
            {
                Output.Clock.Advance(step);
            }

            await Task.Delay(10); // the service's continuation runs on the thread pool; the fake clock decides every delay
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
        Writer.Dispose();
        await Engine.DisposeAsync();
        _listener.Dispose();
        Meters.Dispose();
        Output.Dispose();
        _source.Dispose();
    }

    private void Add(string name, long value, bool accumulate)
    {
        lock (_measurements)
        {
            _measurements[name] = accumulate ? _measurements.GetValueOrDefault(name) + value : value;
        }
    }
}

/// <summary>A meter factory whose meters carry it as their scope, so a listener sees only this test's instruments.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
        }
    }
}
