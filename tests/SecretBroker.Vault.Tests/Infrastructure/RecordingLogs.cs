using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SecretBroker.Vault.Tests.Infrastructure;

/// <summary>Every log line (message and exception text) the engine writes, to scan for a canary.</summary>
internal sealed class RecordingLogs : ILoggerFactory, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");

    public void Dispose()
    {
    }
}
