using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SecretBroker.Configuration.Tests.Fakes;

/// <summary>Keeps every log line (event id, message and exception) at every level, for assertions.</summary>
internal sealed class CollectingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(int EventId, string Message, string? Exception)> _entries = new();

    public IEnumerable<string> Messages => _entries.Select(static e => e.Message);

    /// <summary>Every message and the full text (type, message, stack, inner exceptions) of every exception logged.</summary>
    public IEnumerable<string> Texts => _entries.SelectMany(static e => TextsOf(e.Message, e.Exception));

    public int Count(int eventId) => _entries.Count(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Collector(_entries);

    private static string[] TextsOf(string message, string? exception) => exception is null ? [message] : [message, exception];

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Collector(ConcurrentQueue<(int EventId, string Message, string? Exception)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId.Id, formatter(state, exception), exception?.ToString()));
    }
}
