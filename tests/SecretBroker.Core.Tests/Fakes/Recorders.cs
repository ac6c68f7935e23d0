using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace SecretBroker.Core.Tests.Fakes;

/// <summary>A logger factory that keeps every entry (level, EventId, rendered message) for assertions.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, EventId Id, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lock)
            {
                owner._entries.Add((logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}

/// <summary>A meter factory whose meters only this test listens to; sums every long counter by name and backend tag.</summary>
public sealed class RecordingMeterFactory : IMeterFactory
{
    private readonly Lock _lock = new();
    private readonly List<Meter> _meters = [];
    private readonly Dictionary<(string Instrument, string? Backend), long> _sums = [];
    private readonly MeterListener _listener = new();

    public RecordingMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            lock (_lock)
            {
                if (_meters.Contains(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? backend = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "backend")
                {
                    backend = tag.Value as string;
                }
            }

            lock (_lock)
            {
                _sums[(instrument.Name, backend)] = _sums.GetValueOrDefault((instrument.Name, backend)) + value;
            }
        });
        _listener.Start();
    }

    public long Sum(string instrument, string backend)
    {
        lock (_lock)
        {
            return _sums.GetValueOrDefault((instrument, backend));
        }
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (_lock)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_lock)
        {
            _meters.ForEach(static m => m.Dispose());
        }
    }
}
