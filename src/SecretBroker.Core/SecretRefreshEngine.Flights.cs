using SecretBroker.Internal;

namespace SecretBroker;

// Load, start and on-demand refresh. Every refresh is a "flight": claiming a secret sets its InFlight task under the
// gate, so any other caller for that secret joins the same task instead of calling the backend again.
public sealed partial class SecretRefreshEngine
{
    private Task[] _loops = [];
    private int _started;

    /// <summary>
    /// Fetches every secret once (probe skipped), publishes one generation with all that loaded, and returns each
    /// secret's outcome in definition order. Never throws for backend failures; starts no background work.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<SecretRefreshOutcome>> LoadAsync(CancellationToken cancellationToken)
    {
        var claimed = new List<SecretState>(_states.Length);
        var joined = new Dictionary<SecretState, Task<SecretRefreshOutcome>>();
        CancellationToken stopping;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            stopping = _stopping.Token;
            foreach (SecretState state in _states)
            {
                if (state.InFlight is { } flight)
                {
                    joined.Add(state, flight.Task);
                }
                else
                {
                    state.InFlight = NewFlight();
                    claimed.Add(state);
                }
            }
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        Dictionary<SecretState, SecretRefreshOutcome> outcomes = await RunFlightAsync(claimed, isLoad: true, linked.Token).ConfigureAwait(false);
        var result = new SecretRefreshOutcome[_states.Length];
        for (int i = 0; i < _states.Length; i++)
        {
            SecretState state = _states[i];
            result[i] = outcomes.TryGetValue(state, out SecretRefreshOutcome? outcome)
                ? outcome
                : await joined[state].WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Performs the initial load (as <see cref="LoadAsync"/>) and then starts the background refresh loops, one per
    /// backend. Loaded secrets come due after their jittered interval; secrets that failed to load are retried with
    /// backoff. Returns the initial outcomes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine was already started.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public async Task<IReadOnlyList<SecretRefreshOutcome>> StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The secret refresh engine has already been started.");
        }

        IReadOnlyList<SecretRefreshOutcome> outcomes = await LoadAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CancellationToken stopping = _stopping.Token;
            _loops = [.. _backends.Select(backend => Task.Run(() => RunLoopAsync(backend, stopping), CancellationToken.None))];
        }

        return outcomes;
    }

    /// <summary>
    /// Refreshes one secret now (renewing its lease, or probing before fetching, as a scheduled refresh would),
    /// together with every secret that reads the same backend id and version (its read group), in one generation.
    /// Concurrent calls for the same secret, and a scheduled refresh under way, share one backend call (single flight).
    /// Never throws for backend failures; the outcome says what happened.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No secret has that name.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public Task<SecretRefreshOutcome> RefreshAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out SecretState? state))
        {
            throw new KeyNotFoundException($"No secret is named '{name}'.");
        }

        Task<SecretRefreshOutcome> flight;
        var claimed = new List<SecretState>(state.Group.Members.Count);
        CancellationToken stopping;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (state.InFlight is { } existing)
            {
                return existing.Task.WaitAsync(cancellationToken);
            }

            // The whole read group refreshes, so the other fields of this secret stay one read with it.
            ClaimGroupLocked(state.Group, claimed);
            flight = state.InFlight!.Task;
            stopping = _stopping.Token;
        }

        // The flight runs on the engine's token, not the caller's: other callers may be sharing it.
        _ = RunOnDemandAsync(claimed, state.Backend.Name, stopping);
        return flight.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource<SecretRefreshOutcome> NewFlight() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunOnDemandAsync(List<SecretState> claimed, string backend, CancellationToken stopping)
    {
        try
        {
            await RunFlightAsync(claimed, isLoad: false, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed mid-flight: the callers' task was cancelled by Abandon.
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // Not a backend failure (those are outcomes): a defect. The callers' task carries the exception.
            Log.UnexpectedError(_logger, ex, "on-demand refresh", backend);
        }
    }

    /// <summary>Runs one cycle over claimed secrets (backends in parallel), applies it in one step and ends the flights.</summary>
    private async Task<Dictionary<SecretState, SecretRefreshOutcome>> RunFlightAsync(List<SecretState> claimed, bool isLoad, CancellationToken cancellationToken)
    {
        RefreshResult[][] perBackend;
        try
        {
            perBackend = await Task.WhenAll(claimed
                .GroupBy(static s => s.Backend)
                .Select(group => ExecuteAsync(group.Key, [.. group], isLoad, cancellationToken))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Abandon(claimed, ex, cancelled: SecretErrorClassifier.IsOwnCancellation(ex, cancellationToken));
            throw;
        }

        return Apply([.. perBackend.SelectMany(static r => r)], claimed);
    }

    /// <summary>Ends flights that produced no results (disposal, cancellation, or a defect) without touching the cache.</summary>
    private void Abandon(List<SecretState> claimed, Exception exception, bool cancelled)
    {
        var flights = new List<TaskCompletionSource<SecretRefreshOutcome>>(claimed.Count);
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach (SecretState state in claimed)
            {
                if (state.InFlight is { } flight)
                {
                    state.InFlight = null;
                    flights.Add(flight);
                }

                if (!cancelled)
                {
                    // A defect must not turn into a hot loop.
                    state.NextDue = now + _permanentFailureRetry;
                }

                state.Backend.Wake();
            }
        }

        foreach (TaskCompletionSource<SecretRefreshOutcome> flight in flights)
        {
            if (cancelled)
            {
                flight.TrySetCanceled();
            }
            else
            {
                flight.TrySetException(new InvalidOperationException("The refresh failed unexpectedly.", exception));
            }
        }
    }
}
