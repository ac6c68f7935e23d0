using SecretBroker.Backends;
using SecretBroker.Internal;

namespace SecretBroker;

// One cycle against one backend: renew leases, probe versions, fetch what changed, in chunks of MaxBatchSize read
// groups. A read group (the definitions of one backend, id and version selector) is never split: it is renewed once,
// probed and fetched in one call, so every field of one secret comes from one read. Every failure becomes a
// per-secret result; only our own cancellation escapes.
public sealed partial class SecretRefreshEngine
{
    private async Task<RefreshResult[]> ExecuteAsync(BackendRuntime backend, List<SecretState> secrets, bool isLoad, CancellationToken cancellationToken)
    {
        var results = new List<RefreshResult>(secrets.Count);
        var renew = new List<(SecretState[] Members, SecretLease Lease)>();
        var probe = new List<(SecretState State, string Version)[]>();
        var fetch = new List<SecretState[]>();
        SecretBackendCapabilities capabilities = backend.Capabilities;
        lock (_gate)
        {
            // Claims take whole groups, so the claimed members of a group are all of it.
            foreach (SecretState[] members in secrets.GroupBy(static s => s.Group).Select(static g => g.ToArray()))
            {
                if (isLoad || members.Any(static s => s.Entry is null))
                {
                    fetch.Add(members);
                }
                else if (capabilities.SupportsLeaseRenewal && members[0].Group.Lease is { Renewable: true } lease)
                {
                    renew.Add((members, lease));
                }
                else if (capabilities.SupportsProbe && !HasExpiringLease(members[0].Group))
                {
                    // A probe confirms a version but cannot extend a lease: a value that expires is fetched instead.
                    probe.Add([.. members.Select(static s => (s, s.Entry!.Version))]);
                }
                else
                {
                    fetch.Add(members);
                }
            }
        }

        foreach ((SecretState[] members, SecretLease lease) in renew)
        {
            DateTimeOffset askedAt = _time.GetUtcNow();
            SecretLease? renewed = await TryRenewAsync(backend, members, lease, cancellationToken).ConfigureAwait(false);
            if (renewed is null)
            {
                fetch.Add(members);
            }
            else
            {
                results.AddRange(members.Select(state => RefreshResult.Renew(state, renewed, askedAt)));
            }
        }

        await ProbeAsync(backend, probe, results, fetch, cancellationToken).ConfigureAwait(false);
        await FetchAsync(backend, fetch, results, cancellationToken).ConfigureAwait(false);
        return [.. results];
    }

    /// <summary>
    /// Renews the one lease of a read group (once, whatever its size); <see langword="null"/> when it could not be
    /// renewed usefully and the group needs a fresh value.
    /// </summary>
    private async Task<SecretLease?> TryRenewAsync(BackendRuntime backend, SecretState[] members, SecretLease lease, CancellationToken cancellationToken)
    {
        string names = members[0].Group.Names;
        string reason;
        try
        {
            SecretLease renewed = await CallAsync(backend, "renew", () => backend.Backend.RenewAsync(members[0].Definition, lease, cancellationToken), cancellationToken).ConfigureAwait(false);
            NoteAnswered(backend);
            if (renewed is { Duration: var duration } && duration > TimeSpan.Zero)
            {
                Log.LeaseRenewed(_logger, names, duration);
                return renewed;
            }

            reason = "the renewed lease has no time left";
        }
        catch (Exception ex) when (!SecretErrorClassifier.IsOwnCancellation(ex, cancellationToken))
        {
            reason = Classify(backend, ex, "renew").Message;
        }

        Log.LeaseNotRenewed(_logger, names, reason);
        return null;
    }

    private async Task ProbeAsync(BackendRuntime backend, List<(SecretState State, string Version)[]> probe, List<RefreshResult> results, List<SecretState[]> fetch, CancellationToken cancellationToken)
    {
        foreach ((SecretState State, string Version)[][] chunk in probe.Chunk(backend.Capabilities.MaxBatchSize))
        {
            SecretDefinition[] definitions = [.. chunk.SelectMany(static g => g).Select(static p => p.State.Definition)];
            IReadOnlyList<SecretVersionProbe>? answers;
            try
            {
                answers = await CallAsync(backend, "probe", () => backend.Backend.ProbeAsync(definitions, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!SecretErrorClassifier.IsOwnCancellation(ex, cancellationToken))
            {
                AddFailures(results, chunk.SelectMany(static g => g).Select(static p => p.State), Classify(backend, ex, "probe"));
                continue;
            }

            NoteAnswered(backend);

            var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (SecretVersionProbe answer in answers ?? [])
            {
                if (answer.Name is not null)
                {
                    versions[answer.Name] = answer.Version;
                }
            }

            foreach ((SecretState State, string Version)[] group in chunk)
            {
                // The same version for every member: the held values are confirmed without a fetch. Any member
                // unknown or moved: the whole group is fetched, so its fields stay one read.
                if (group.All(p => versions.TryGetValue(p.State.Name, out string? current) && string.Equals(current, p.Version, StringComparison.Ordinal)))
                {
                    results.AddRange(group.Select(static p => RefreshResult.Confirmed(p.State)));
                }
                else
                {
                    fetch.Add([.. group.Select(static p => p.State)]);
                }
            }
        }
    }

    private async Task FetchAsync(BackendRuntime backend, List<SecretState[]> fetch, List<RefreshResult> results, CancellationToken cancellationToken)
    {
        // MaxBatchSize counts reads, not definitions: a group is never split across calls.
        foreach (SecretState[][] groups in fetch.Chunk(backend.Capabilities.MaxBatchSize))
        {
            SecretState[] chunk = [.. groups.SelectMany(static g => g)];
            SecretDefinition[] definitions = [.. chunk.Select(static s => s.Definition)];
            IReadOnlyList<SecretFetchResult>? answers;
            DateTimeOffset askedAt = _time.GetUtcNow();
            try
            {
                answers = await CallAsync(backend, "fetch", () => backend.Backend.FetchAsync(definitions, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!SecretErrorClassifier.IsOwnCancellation(ex, cancellationToken))
            {
                AddFailures(results, chunk, Classify(backend, ex, "fetch"));
                continue;
            }

            var byName = new Dictionary<string, SecretFetchResult>(StringComparer.Ordinal);
            bool throttled = false;
            foreach (SecretFetchResult? answer in answers ?? [])
            {
                if (answer is not null)
                {
                    byName[answer.Name] = answer;
                    throttled |= answer.Error is { Kind: SecretErrorKind.Transient, RetryAfter: not null };
                }
            }

            if (!throttled)
            {
                NoteAnswered(backend);
            }

            foreach (SecretState state in chunk)
            {
                results.Add(byName.TryGetValue(state.Name, out SecretFetchResult? answer)
                    ? answer.Succeeded ? RefreshResult.Fetch(state, answer, askedAt) : RefreshResult.Failure(state, Classify(backend, answer.Error, "fetch"))
                    : RefreshResult.Failure(state, new ClassifiedError(SecretErrorKind.Transient, "The backend returned no result for this secret.", null, Unexpected: false)));
            }
        }
    }

    /// <summary>
    /// Times a backend call; checks our token first so that no call starts after disposal, and the backend's pause so
    /// that no call starts while it is throttled (see .Throttling). The call starts on the
    /// thread pool and is awaited with our token: a backend that blocks before its first await, or ignores
    /// cancellation, can delay neither the loop nor disposal beyond cancellation (its work is left to finish alone).
    /// </summary>
    private async Task<T> CallAsync<T>(BackendRuntime backend, string operation, Func<ValueTask<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfPaused(backend);
        long started = _time.GetTimestamp();
        try
        {
            return await Task.Run(() => call().AsTask(), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _metrics.RecordRequest(backend.Name, operation, _time.GetElapsedTime(started));
        }
    }

    private ClassifiedError Classify(BackendRuntime backend, Exception exception, string operation)
    {
        ClassifiedError error = SecretErrorClassifier.Classify(exception);
        if (error.Unexpected)
        {
            Log.UnexpectedError(_logger, exception, operation, backend.Name);
        }

        NoteThrottle(backend, error);

        return error;
    }

    private static void AddFailures(List<RefreshResult> results, IEnumerable<SecretState> states, ClassifiedError error) =>
        results.AddRange(states.Select(state => RefreshResult.Failure(state, error)));
}
