using SecretBroker.Backends;
using SecretBroker.Internal;

namespace SecretBroker;

// Leases that end: a value whose lease ended without a refresh or renewal replacing it is a dead credential, so it is
// withdrawn from the generations (never served stale) until a refresh brings a live one back. No timer of its own: a
// backend's loop sleeps until its next refresh or the next lease end of its values, whichever comes first.
public sealed partial class SecretRefreshEngine
{
    /// <summary>Whether a group's value expires (a lease of positive duration): such a value is fetched, never just probed.</summary>
    private static bool HasExpiringLease(ReadGroup group) => group.LeaseEndsAt is not null;

    /// <summary>Records a read group's lease and when it ends, counted from when the backend was asked for it.</summary>
    private static void SetLeaseLocked(SecretState state, SecretLease? lease, DateTimeOffset askedAt)
    {
        state.Lease = lease;
        state.Group.LeaseEndsAt = lease is { Duration: var duration } && duration > TimeSpan.Zero ? askedAt + duration : null;
    }

    /// <summary>The earliest lease end among the values of <paramref name="backend"/> still served, if any.</summary>
    private static DateTimeOffset? NextLeaseEnd(BackendRuntime backend)
    {
        DateTimeOffset? earliest = null;
        foreach (ReadGroup group in backend.Groups)
        {
            if (group.LeaseEndsAt is { } end && (earliest is null || end < earliest) && group.Members.Exists(static m => m.Entry is not null))
            {
                earliest = end;
            }
        }

        return earliest;
    }

    /// <summary>
    /// Withdraws every value of <paramref name="backend"/> whose lease ended at or before <paramref name="now"/> (a whole
    /// read group at once: its members share the lease) and publishes one generation without them.
    /// </summary>
    private (PublishSignal Signal, SecretGeneration Generation)? WithdrawExpiredLocked(BackendRuntime backend, DateTimeOffset now)
    {
        var changed = new List<string>();
        foreach (SecretState state in backend.Secrets)
        {
            if (state.Entry is { } entry && state.Group.LeaseEndsAt is { } end && end <= now)
            {
                state.Entry = null;
                state.ExpiredAt = end;
                changed.Add(state.Name);
                Log.SecretExpired(_logger, state.Name, state.Backend.Name, entry.Version, end);
            }
        }

        return changed.Count > 0 ? PublishLocked(now, changed) : null;
    }

    /// <summary>Fires a publish made under the gate; outside it, as in Apply: change callbacks may call back into the engine.</summary>
    private void Fire((PublishSignal Signal, SecretGeneration Generation)? published)
    {
        if (published is { } p && p.Signal.Fire(p.Generation) is { } callbackFailure)
        {
            Log.UnexpectedError(_logger, callbackFailure, "change notification", "-");
        }
    }
}
