using System.Collections.Concurrent;

namespace SecretBroker.Emulators.Faults;

/// <summary>Request counts keyed <c>service.operation</c> → outcome (<c>ok</c>, an error code, <c>fault:…</c>).</summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<(string Operation, string Outcome), long> _counts = new();

    /// <summary>Secrets Manager requests whose SigV4 signature verified.</summary>
    public long SignaturesVerified => Interlocked.Read(ref _verified);

    private long _verified;

    public void Record(string operation, string outcome) =>
        _counts.AddOrUpdate((operation, outcome), 1, (_, n) => n + 1);

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
        Interlocked.Exchange(ref _verified, 0);
    }
}
