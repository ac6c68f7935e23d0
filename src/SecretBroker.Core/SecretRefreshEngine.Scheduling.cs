using SecretBroker.Internal;

namespace SecretBroker;

// One loop per backend: sleep on the TimeProvider until its earliest secret is due (or the earliest lease of its values
// ends: then the value is withdrawn, see .Expiry), then refresh everything of that backend that is due or nearly due in
// one cycle, whole read groups at a time.
public sealed partial class SecretRefreshEngine
{
    // Task.Delay rejects waits beyond ~49 days; waking twice a day just re-reads the schedule.
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(12);

    private async Task RunLoopAsync(BackendRuntime backend, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                List<SecretState>? due;
                TimeSpan wait;
                Task wake;
                (PublishSignal Signal, SecretGeneration Generation)? withdrawn;
                lock (_gate)
                {
                    // Taken before reading the schedule, so a change made after this point wakes the wait below.
                    wake = backend.TakeWakeSignal();
                    DateTimeOffset now = _time.GetUtcNow();
                    withdrawn = WithdrawExpiredLocked(backend, now);
                    due = ClaimDueLocked(backend, now, out wait);
                    if (due is null && NextLeaseEnd(backend) is { } leaseEnd && leaseEnd > now && (wait == Timeout.InfiniteTimeSpan || leaseEnd - now < wait))
                    {
                        // Wake when a lease ends even if nothing is due then: a dead value must not stay on offer.
                        wait = leaseEnd - now;
                    }
                }

                Fire(withdrawn);

                if (due is null)
                {
                    await WaitAsync(wait, wake, stopping).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await RunFlightAsync(due, isLoad: false, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (!SecretErrorClassifier.IsOwnCancellation(ex, stopping))
                {
                    // Backend failures are results, never exceptions; this is a defect. Abandon rescheduled the
                    // secrets, so the loop lives on and serves the last good values.
                    Log.UnexpectedError(_logger, ex, "refresh cycle", backend.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: the loop ends quietly.
        }
    }

    /// <summary>
    /// Claims the secrets to refresh now, or returns <see langword="null"/> with the time until the earliest is due.
    /// </summary>
    private List<SecretState>? ClaimDueLocked(BackendRuntime backend, DateTimeOffset now, out TimeSpan wait)
    {
        DateTimeOffset? earliest = null;
        foreach (SecretState state in backend.Secrets)
        {
            // A secret in flight is rescheduled (and the loop woken) when its flight ends.
            if (state.InFlight is null && (earliest is null || state.NextDue < earliest))
            {
                earliest = state.NextDue;
            }
        }

        if (earliest is not null && backend.PausedUntil is { } pausedUntil && pausedUntil > now && earliest < pausedUntil)
        {
            // Throttled: nothing is claimed (so nothing calls) until the pause ends.
            earliest = pausedUntil;
        }

        if (earliest is null || earliest > now)
        {
            wait = earliest is null ? Timeout.InfiniteTimeSpan : earliest.Value - now;
            return null;
        }

        wait = TimeSpan.Zero;
        var due = new List<SecretState>();
        foreach (ReadGroup group in backend.Groups)
        {
            // One member due claims its whole read group: a group refreshes at its shortest member's interval.
            if (group.Members.Exists(state => state.InFlight is null && IsDueForCycle(state, now)))
            {
                ClaimGroupLocked(group, due);
            }
        }

        return due;
    }

    /// <summary>Claims every member of a read group that is not in flight (claims always take whole groups).</summary>
    private static void ClaimGroupLocked(ReadGroup group, List<SecretState> claimed)
    {
        foreach (SecretState member in group.Members)
        {
            if (member.InFlight is null)
            {
                member.InFlight = NewFlight();
                claimed.Add(member);
            }
        }
    }

    /// <summary>
    /// Due now, or on its regular schedule within <c>CoalesceFraction</c> of its interval: refreshing it early keeps
    /// batches full and lets related secrets land in one generation. A secret backing off is never pulled early by its
    /// own schedule, or a Retry-After could be ignored; a due member of its read group still takes it along (one read
    /// serves them all, and a whole-call failure set the same Retry-After on every member).
    /// </summary>
    private bool IsDueForCycle(SecretState state, DateTimeOffset now)
    {
        if (state.NextDue <= now)
        {
            return true;
        }

        if (state.Attempt > 0)
        {
            return false;
        }

        TimeSpan interval = state.Definition.Refresh;
        if (LeaseInterval(state.Lease) is { } leaseInterval && leaseInterval < interval)
        {
            interval = leaseInterval;
        }

        return state.NextDue <= now + (interval * _coalesceFraction);
    }

    /// <summary>
    /// When a successfully refreshed secret is next due: the jittered interval, or earlier to renew a lease; a lease
    /// that names its own <see cref="Backends.SecretLease.RefreshAhead"/> margin schedules alone.
    /// </summary>
    private TimeSpan NextInterval(SecretState state, double jitterFactor)
    {
        TimeSpan interval = state.Definition.Refresh * jitterFactor;
        TimeSpan? leaseInterval = LeaseInterval(state.Lease);
        if (leaseInterval is { } governing && state.Lease is { RefreshAhead: not null })
        {
            return governing;
        }

        return leaseInterval is { } renewAt && renewAt < interval ? renewAt : interval;
    }

    /// <summary>
    /// The renew-ahead point of a lease: <c>LeaseRenewFraction</c> of its TTL, or its TTL less its own margin when that
    /// is later, moved earlier by the lease's own <see cref="Backends.SecretLease.RenewEarly"/> fraction; a lease without
    /// a positive TTL does not expire.
    /// </summary>
    private TimeSpan? LeaseInterval(Backends.SecretLease? lease)
    {
        if (lease is not { Duration: var duration } || duration <= TimeSpan.Zero)
        {
            return null;
        }

        TimeSpan byFraction = duration * _leaseRenewFraction;
        TimeSpan point = lease.RefreshAhead is { } ahead && duration - ahead > byFraction ? duration - ahead : byFraction;
        return lease.RenewEarly is > 0 and <= 0.5 ? point * (1 - lease.RenewEarly) : point;
    }

    /// <summary>One jitter factor in [1 − j, 1 + j], drawn once per cycle so secrets refreshed together stay together.</summary>
    private double DrawJitterLocked() => 1 + (_refreshJitter * ((2 * _random.NextDouble()) - 1));

    private async Task WaitAsync(TimeSpan wait, Task wake, CancellationToken stopping)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            await wake.WaitAsync(stopping).ConfigureAwait(false);
            return;
        }

        // Task.Delay truncates to whole milliseconds; rounding up keeps it from waking just before the due time
        // and then spinning on a sub-millisecond wait it treats as zero.
        TimeSpan delayFor = wait < MaxWait ? TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)) : MaxWait;
        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task delay = Task.Delay(delayFor, _time, delayCancellation.Token);
        Task first = await Task.WhenAny(delay, wake).ConfigureAwait(false);
        if (first != delay)
        {
            // The schedule changed: drop the timer rather than leave it pending.
            await delayCancellation.CancelAsync().ConfigureAwait(false);
        }

        stopping.ThrowIfCancellationRequested();
    }
}
