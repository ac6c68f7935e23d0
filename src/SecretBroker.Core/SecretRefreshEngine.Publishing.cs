using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using SecretBroker.Backends;
using SecretBroker.Internal;

namespace SecretBroker;

// Applying a cycle's results to the cache in one step, publishing a generation when something visible changed, and
// the ways to wait for one.
public sealed partial class SecretRefreshEngine
{
    /// <summary>The shortest wait before a permanent failure is retried (unless PermanentFailureRetry is shorter).</summary>
    private static readonly TimeSpan MinPermanentFailureRetry = TimeSpan.FromSeconds(30);

    private const string WithdrawnDuringRefresh = "The value's lease ended while it was being refreshed; fetching a fresh value.";

    private PublishSignal _signal = new();

    /// <summary>
    /// Completes with the first generation whose <see cref="SecretGeneration.Number"/> is greater than
    /// <paramref name="afterNumber"/> (at once if <see cref="Current"/> already is).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The engine was disposed before such a generation was published.</exception>
    public async Task<SecretGeneration> WaitForGenerationAsync(long afterNumber, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read the signal before the generation: a publish in between then completes the signal we hold.
            Task<SecretGeneration> next = Volatile.Read(ref _signal).Next;
            SecretGeneration current = Current;
            if (current.Number > afterNumber)
            {
                return current;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A change token that fires when the next generation is published (never, once the engine is disposed).</summary>
    public IChangeToken GetChangeToken() => Volatile.Read(ref _signal).ChangeToken;

    /// <summary>Applies results in one step, publishes at most one generation, reschedules, and ends the flights.</summary>
    private Dictionary<SecretState, SecretRefreshOutcome> Apply(RefreshResult[] results, List<SecretState> completing)
    {
        var outcomes = new Dictionary<SecretState, SecretRefreshOutcome>(results.Length);
        var ended = new List<(TaskCompletionSource<SecretRefreshOutcome> Flight, SecretRefreshOutcome Outcome)>(completing.Count);
        (PublishSignal Signal, SecretGeneration Generation)? published = null;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            double? jitter = null;
            double? spread = null;
            var changed = new List<string>();
            bool republish = false; // an entry changed without a new version (stale flag, content type): publish anyway
            foreach (RefreshResult result in results)
            {
                outcomes[result.State] = result.Error is { } error
                    ? ApplyFailureLocked(result.State, error, now, ref republish)
                    : ApplySuccessLocked(result, now, result.State.Throttled ? spread ??= DrawThrottleSpreadLocked() : jitter ??= DrawJitterLocked(), changed, ref republish);
            }

            if (changed.Count > 0 || republish)
            {
                published = PublishLocked(now, changed);
            }

            foreach (SecretState state in completing)
            {
                if (state.InFlight is { } flight)
                {
                    state.InFlight = null;
                    ended.Add((flight, outcomes[state]));
                }

                state.Backend.Wake();
            }
        }

        // Outside the gate: change callbacks and continuations may call back into the engine.
        Fire(published);

        foreach ((TaskCompletionSource<SecretRefreshOutcome> flight, SecretRefreshOutcome outcome) in ended)
        {
            flight.TrySetResult(outcome);
        }

        return outcomes;
    }

    private SecretRefreshOutcome ApplySuccessLocked(RefreshResult result, DateTimeOffset now, double jitter, List<string> changed, ref bool republish)
    {
        SecretState state = result.State;
        SecretEntry? previous = state.Entry;
        SecretEntry? entry = previous;
        bool isChanged = false;
        if (result.Fetched is { } fetched && fetched.Succeeded)
        {
            SetLeaseLocked(state, fetched.Lease, result.AskedAt);
            if (previous is null || !string.Equals(previous.Version, fetched.Version, StringComparison.Ordinal))
            {
                // Copied: a generation is immutable even if the backend reuses its buffer.
                entry = new SecretEntry(state.Name, fetched.Value.ToArray(), fetched.Version, now, now, stale: false, fetched.ContentType);
                isChanged = true;
                changed.Add(state.Name);
                if (previous is null)
                {
                    Log.SecretLoaded(_logger, state.Name, state.Backend.Name, fetched.Version);
                }
                else
                {
                    Log.SecretChanged(_logger, state.Name, previous.Version, fetched.Version);
                }
            }
            else if (!string.Equals(previous.ContentType, fetched.ContentType, StringComparison.Ordinal))
            {
                // The same value under a new media type (Key Vault can change a version's contentType in place): the
                // generation must say so, but the value did not change, so the secret is not in Changed.
                entry = new SecretEntry(previous.Name, previous.Value, previous.Version, previous.UpdatedAt, previous.FetchedAt, previous.Stale, fetched.ContentType);
                republish = true;
            }
        }
        else if (result.Renewed is { } lease)
        {
            SetLeaseLocked(state, lease, result.AskedAt);
        }

        if (entry is null)
        {
            // A confirmation or renewal of a value withdrawn while the call was under way (its lease ended): there is
            // no value to keep, so the secret is fetched afresh at once (a withdrawn secret is always fetched).
            state.NextDue = now;
            return new SecretRefreshOutcome(state.Name, state.Backend.Name, Succeeded: false, Version: null, Changed: false, WithdrawnDuringRefresh);
        }

        state.ExpiredAt = null;
        if (previous is { Stale: true })
        {
            Log.SecretRecovered(_logger, state.Name, state.Backend.Name);
            if (!isChanged)
            {
                entry = new SecretEntry(state.Name, entry.Value, entry.Version, entry.UpdatedAt, now, stale: false, entry.ContentType);
                republish = true;
            }
        }

        // FetchedAt moves here only: a confirmation alone must not publish.
        state.Entry = entry;
        state.FetchedAt = now;
        state.Attempt = 0;
        state.LastError = null;
        state.Throttled = false;
        state.NextDue = now + NextInterval(state, jitter);
        _metrics.RecordRefresh(state.Backend.Name, isChanged ? "changed" : "unchanged");
        return new SecretRefreshOutcome(state.Name, state.Backend.Name, Succeeded: true, entry.Version, isChanged, Error: null);
    }

    private SecretRefreshOutcome ApplyFailureLocked(SecretState state, ClassifiedError error, DateTimeOffset now, ref bool republish)
    {
        TimeSpan delay = error.Kind == SecretErrorKind.Permanent
            ? PermanentRetryDelay(state, error.RetryAfter)
            : _backoff.NextDelay(state.Attempt, error.RetryAfter);
        if (error.Kind == SecretErrorKind.Transient && PauseEndLocked(state, now) is { } pauseEnd)
        {
            // Throttled (or skipped because the backend is paused): retried when the backend resumes, whose spread
            // window already grows with consecutive throttles.
            delay = pauseEnd - now;
            state.Throttled = true;
        }

        // Capped so that a secret failing for years cannot overflow the counter; the delay is capped long before.
        state.Attempt = Math.Min(state.Attempt + 1, 1000);
        state.LastError = error.Message;
        state.NextDue = now + delay;
        Log.RefreshFailed(_logger, state.Name, state.Backend.Name, error.Kind, error.Message, delay);
        if (state.Entry is { Stale: false } entry)
        {
            // Keep serving the last good value, flagged.
            state.Entry = entry.WithStale(true);
            republish = true;
            Log.SecretStale(_logger, state.Name, state.Backend.Name, entry.Version);
        }

        _metrics.RecordRefresh(state.Backend.Name, "failed");
        return new SecretRefreshOutcome(state.Name, state.Backend.Name, Succeeded: false, state.Entry?.Version, Changed: false, error.Message);
    }

    /// <summary>
    /// A permanent failure (deleted, access denied) is retried at max(refresh, <see cref="MinPermanentFailureRetry"/>),
    /// never later than <c>PermanentFailureRetry</c>: a secret restored after a deletion comes back about as fast as
    /// its refresh promises, while a tight refresh cannot hammer a backend that keeps refusing. A longer Retry-After wins.
    /// </summary>
    private TimeSpan PermanentRetryDelay(SecretState state, TimeSpan? retryAfter)
    {
        TimeSpan delay = state.Definition.Refresh > MinPermanentFailureRetry ? state.Definition.Refresh : MinPermanentFailureRetry;
        if (delay > _permanentFailureRetry)
        {
            delay = _permanentFailureRetry;
        }

        return retryAfter is { } wait && wait > delay ? wait : delay;
    }

    // Every publish asks; almost always nothing is withdrawn, so the common case allocates nothing (the generation keeps
    // the shared empty map as it is).
    private FrozenDictionary<string, DateTimeOffset> WithdrawnLocked() =>
        Array.Exists(_states, static s => s.ExpiredAt is not null)
            ? _states.Where(static s => s.ExpiredAt is not null).ToFrozenDictionary(static s => s.Name, static s => s.ExpiredAt!.Value, StringComparer.Ordinal)
            : FrozenDictionary<string, DateTimeOffset>.Empty;

    private (PublishSignal Signal, SecretGeneration Generation)? PublishLocked(DateTimeOffset now, List<string> changed)
    {
        var generation = new SecretGeneration(
            _current.Number + 1,
            now,
            _states.Where(static s => s.Entry is not null).Select(static s => s.Entry!),
            changed,
            WithdrawnLocked());
        Volatile.Write(ref _current, generation);
        if (_disposed)
        {
            // Waiters were failed on disposal; the closed signal stays in place.
            return null;
        }

        PublishSignal fired = _signal;
        Volatile.Write(ref _signal, new PublishSignal());
        return (fired, generation);
    }
}
