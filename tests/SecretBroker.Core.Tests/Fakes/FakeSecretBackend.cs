using System.Text;
using SecretBroker.Backends;

namespace SecretBroker.Core.Tests.Fakes;

/// <summary>One call the engine made: what, for which ids, and when on the fake clock.</summary>
public sealed record BackendCall(string Operation, IReadOnlyList<string> Ids, DateTimeOffset At);

/// <summary>
/// A scriptable backend: values, versions, leases and failures per id; whole-call failures; calls recorded with
/// their fake time and batch; fetches can be held until released.
/// </summary>
public sealed class FakeSecretBackend(TimeProvider clock, SecretBackendCapabilities? capabilities = null) : ISecretBackend
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (byte[] Value, string Version, SecretLease? Lease, string? ContentType)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<SecretBackendException>> _nextFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SecretBackendException> _failures = new(StringComparer.Ordinal);
    private readonly Queue<Exception> _callFailures = new();
    private readonly List<BackendCall> _calls = [];
    private TaskCompletionSource _callMade = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Hold? _hold;

    public SecretBackendCapabilities Capabilities { get; } = capabilities ?? SecretBackendCapabilities.Simple;

    /// <summary>What a renewal returns (default: the same lease); throwing here makes the renewal fail.</summary>
    public Func<SecretLease, SecretLease> Renew { get; set; } = static lease => lease;

    /// <summary>Runs after every fetch call has taken its values (e.g. to rotate a secret between two calls).</summary>
    public Action? AfterFetch { get; set; }

    public IReadOnlyList<BackendCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<BackendCall> CallsOf(string operation) => [.. Calls.Where(c => c.Operation == operation)];

    public int Count(string operation) => CallsOf(operation).Count;

    public void Set(string id, string value, string version, SecretLease? lease = null, string? contentType = null)
    {
        lock (_lock)
        {
            _values[id] = (Encoding.UTF8.GetBytes(value), version, lease, contentType);
        }
    }

    /// <summary>The next <paramref name="times"/> fetches of <paramref name="id"/> fail with <paramref name="error"/>.</summary>
    public void FailNext(string id, SecretBackendException error, int times = 1)
    {
        lock (_lock)
        {
            if (!_nextFailures.TryGetValue(id, out Queue<SecretBackendException>? queue))
            {
                _nextFailures[id] = queue = new Queue<SecretBackendException>();
            }

            for (int i = 0; i < times; i++)
            {
                queue.Enqueue(error);
            }
        }
    }

    /// <summary>Every fetch of <paramref name="id"/> fails until <see cref="Heal"/>.</summary>
    public void FailAlways(string id, SecretBackendException error)
    {
        lock (_lock)
        {
            _failures[id] = error;
        }
    }

    public void Heal(string id)
    {
        lock (_lock)
        {
            _failures.Remove(id);
            _nextFailures.Remove(id);
        }
    }

    /// <summary>The next call (fetch or probe) throws <paramref name="error"/> as a whole.</summary>
    public void FailNextCall(Exception error)
    {
        lock (_lock)
        {
            _callFailures.Enqueue(error);
        }
    }

    /// <summary>Holds every fetch (after it is recorded) until the returned hold is released.</summary>
    public Hold HoldFetches()
    {
        lock (_lock)
        {
            return _hold = new Hold();
        }
    }

    /// <summary>Waits (bounded by real time) until <paramref name="count"/> calls of <paramref name="operation"/> were made.</summary>
    public async Task WaitForCallsAsync(string operation, int count)
    {
        using var safety = new CancellationTokenSource(Safety.Timeout);
        while (true)
        {
            Task made;
            lock (_lock)
            {
                if (_calls.Count(c => c.Operation == operation) >= count)
                {
                    return;
                }

                made = _callMade.Task;
            }

            await made.WaitAsync(safety.Token);
        }
    }

    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        Hold? hold = Record("fetch", secrets);
        if (hold is not null)
        {
            hold.Entered.TrySetResult();
            await hold.Released.Task.WaitAsync(cancellationToken);
        }

        IReadOnlyList<SecretFetchResult> results;
        lock (_lock)
        {
            if (_callFailures.TryDequeue(out Exception? callFailure))
            {
                throw callFailure;
            }

            results = [.. secrets.Select(FetchOneLocked)];
        }

        AfterFetch?.Invoke();
        return results;
    }

    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        Record("probe", secrets);
        lock (_lock)
        {
            if (_callFailures.TryDequeue(out Exception? callFailure))
            {
                throw callFailure;
            }

            return ValueTask.FromResult<IReadOnlyList<SecretVersionProbe>>(
                [.. secrets.Select(s => new SecretVersionProbe(s.Name, _values.TryGetValue(s.Id, out var v) ? v.Version : null))]);
        }
    }

    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken)
    {
        Record("renew", [secret]);
        return ValueTask.FromResult(Renew(lease));
    }

    private SecretFetchResult FetchOneLocked(SecretDefinition secret)
    {
        if (_nextFailures.TryGetValue(secret.Id, out Queue<SecretBackendException>? queue) && queue.TryDequeue(out SecretBackendException? next))
        {
            return SecretFetchResult.Failure(secret.Name, next);
        }

        if (_failures.TryGetValue(secret.Id, out SecretBackendException? failure))
        {
            return SecretFetchResult.Failure(secret.Name, failure);
        }

        return _values.TryGetValue(secret.Id, out var held)
            ? SecretFetchResult.Success(secret.Name, held.Value, held.Version, held.Lease, held.ContentType)
            : SecretFetchResult.Failure(secret.Name, Engines.Permanent($"secret '{secret.Id}' not found"));
    }

    private Hold? Record(string operation, IReadOnlyList<SecretDefinition> secrets)
    {
        lock (_lock)
        {
            _calls.Add(new BackendCall(operation, [.. secrets.Select(s => s.Id)], clock.GetUtcNow()));
            _callMade.TrySetResult();
            _callMade = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return operation == "fetch" ? _hold : null;
        }
    }

    /// <summary>A gate for fetches: <see cref="Entered"/> completes when one is waiting; <see cref="Release"/> lets all through.</summary>
    public sealed class Hold
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
