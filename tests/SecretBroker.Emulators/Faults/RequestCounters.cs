using System.Collections.Concurrent;

namespace SecretBroker.Emulators.Faults;

/// <summary>
/// Request counts keyed <c>service.operation</c> → outcome (<c>ok</c>, an error code, <c>fault:…</c>), and the same
/// requests in order with their time on the cloud's clock (<see cref="Log"/>, the last <see cref="LogCapacity"/>), so a
/// test can measure a client's request rate in any window, not only its total.
/// </summary>
public sealed class RequestCounters(TimeProvider time)
{
    /// <summary>How many records <see cref="Log"/> keeps (the oldest are dropped first).</summary>
    public const int LogCapacity = 100_000;

    private readonly ConcurrentDictionary<(string Operation, string Outcome), long> _counts = new();
    private readonly ConcurrentQueue<RequestRecord> _log = new();

    public RequestCounters()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Secrets Manager requests whose SigV4 signature verified.</summary>
    public long SignaturesVerified => Interlocked.Read(ref _verified);

    private long _verified;

    public void Record(string operation, string outcome)
    {
        _counts.AddOrUpdate((operation, outcome), 1, (_, n) => n + 1);
        _log.Enqueue(new RequestRecord(time.GetUtcNow(), operation, outcome));
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>The recorded requests whose operation starts with <paramref name="prefix"/> (e.g. <c>keyvault.</c>), oldest first.</summary>
    public IReadOnlyList<RequestRecord> Log(string prefix = "") =>
        [.. _log.Where(r => r.Operation.StartsWith(prefix, StringComparison.Ordinal))];

    public void RecordVerifiedSignature() => Interlocked.Increment(ref _verified);

    public long Count(string operation, string? outcome = null) =>
        _counts.Where(kv => kv.Key.Operation == operation && (outcome is null || kv.Key.Outcome == outcome)).Sum(kv => kv.Value);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Snapshot() =>
        _counts.GroupBy(kv => kv.Key.Operation, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, long>)g.ToDictionary(kv => kv.Key.Outcome, kv => kv.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);

    public void Reset()
    {
        _counts.Clear();
        _log.Clear();
        Interlocked.Exchange(ref _verified, 0);
    }
}
