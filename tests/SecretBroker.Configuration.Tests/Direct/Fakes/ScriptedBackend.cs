using System.Text;
using SecretBroker.Backends;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// A backend the test scripts: values and versions per id, failures per id or per call, fetches held until released,
/// every call counted. Each (id) is read once per call, as the engine's read groups require.
/// </summary>
internal sealed class ScriptedBackend : ISecretBackend, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (byte[] Value, string Version, SecretLease? Lease)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SecretBackendException> _failures = new(StringComparer.Ordinal);
    private readonly List<CancellationToken> _heldTokens = [];
    private TaskCompletionSource? _release;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fetches;
    private int _disposals;

    public SecretBackendCapabilities Capabilities { get; } = SecretBackendCapabilities.Simple;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>How many times it was disposed (its owner must do so once, after the last call).</summary>
    public int Disposals => Volatile.Read(ref _disposals);

    public void Dispose() => Interlocked.Increment(ref _disposals);

    /// <summary>The tokens of fetches that were held (to see that disposal cancels them).</summary>
    public IReadOnlyList<CancellationToken> HeldTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _heldTokens];
            }
        }
    }

    public static SecretBackendException Transient(string message = "service unavailable") => new(SecretErrorKind.Transient, message);

    public void Set(string id, string value, string version, SecretLease? lease = null) => Set(id, Encoding.UTF8.GetBytes(value), version, lease);

    public void Set(string id, byte[] value, string version, SecretLease? lease = null)
    {
        lock (_lock)
        {
            _values[id] = (value, version, lease);
        }
    }

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
        }
    }

    /// <summary>Holds every fetch until <see cref="Release"/>; the returned task completes when one is held.</summary>
    public Task Hold()
    {
        lock (_lock)
        {
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _held.Task;
        }
    }

    public void Release()
    {
        TaskCompletionSource? release;
        lock (_lock)
        {
            release = _release;
            _release = null;
        }

        release?.TrySetResult();
    }

    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        Task? release;
        lock (_lock)
        {
            release = _release?.Task;
            if (release is not null)
            {
                _heldTokens.Add(cancellationToken);
                _held.TrySetResult();
            }
        }

        if (release is not null)
        {
            await release.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            return [.. secrets.Select(FetchOneLocked)];
        }
    }

    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
        throw new NotSupportedException("no probe");

    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
        throw new NotSupportedException("no leases");

    private SecretFetchResult FetchOneLocked(SecretDefinition secret)
    {
        if (_failures.TryGetValue(secret.Id, out SecretBackendException? failure))
        {
            return SecretFetchResult.Failure(secret.Name, failure);
        }

        if (!_values.TryGetValue(secret.Id, out var held))
        {
            return SecretFetchResult.Failure(secret.Name, new SecretBackendException(SecretErrorKind.Permanent, $"secret '{secret.Id}' not found"));
        }

        // Key extraction as every backend does it: one top-level field of a JSON value, never quoting the value.
        if (secret.Key is { } key)
        {
            try
            {
                return SecretFetchResult.Success(secret.Name, SecretJsonField.Extract(held.Value, "scripted backend", secret.Id, key), held.Version);
            }
            catch (SecretBackendException e)
            {
                return SecretFetchResult.Failure(secret.Name, e);
            }
        }

        return SecretFetchResult.Success(secret.Name, held.Value, held.Version, held.Lease);
    }
}
