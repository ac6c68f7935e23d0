using System.Collections.Concurrent;

namespace SecretBroker.Emulators.Faults;

/// <summary>Faults armed per service operation, consumed as requests arrive.</summary>
public sealed class FaultInjector
{
    public const string AnyOperation = "*";

    private readonly ConcurrentDictionary<string, Fault> _faults = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Set(string operation, Fault fault) => _faults[operation] = fault;

    public void Clear(string? operation = null)
    {
        if (operation is null)
        {
            _faults.Clear();
        }
        else
        {
            _faults.TryRemove(operation, out _);
        }
    }

    public IReadOnlyDictionary<string, Fault> Snapshot() => new Dictionary<string, Fault>(_faults, StringComparer.Ordinal);

    /// <summary>The fault to apply to this request (consuming one use), and the latency to add first.</summary>
    public (FaultKind Kind, TimeSpan Latency) Next(string operation)
    {
        lock (_gate)
        {
            var key = _faults.ContainsKey(operation) ? operation : AnyOperation;
            if (!_faults.TryGetValue(key, out var fault))
            {
                return (FaultKind.None, TimeSpan.Zero);
            }

            if (fault.Kind == FaultKind.None || fault.Count is null)
            {
                return (fault.Kind, fault.Latency);
            }

            if (fault.Count <= 0)
            {
                return (FaultKind.None, fault.Latency);
            }

            _faults[key] = fault with { Count = fault.Count - 1 };
            return (fault.Kind, fault.Latency);
        }
    }
}
