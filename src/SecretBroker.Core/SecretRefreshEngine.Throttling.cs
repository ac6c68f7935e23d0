using SecretBroker.Internal;

namespace SecretBroker;

// Throttling: a transient error carrying a Retry-After (a 429) pauses the whole backend, not just the secret that drew
// it. Until the pause ends no call reaches that backend: the rest of the cycle, probes, renewals and on-demand refreshes
// fail at once (served stale, flagged) and the loop sleeps. The pause ends at a random point of a window after the
// Retry-After (1, 2, 4, 8 s, then 10 s with consecutive throttles; reset by a call answered without one), so a fleet throttled together
// does not come back together; and the first refresh after it is drawn from 0.5–1.0 × the interval, so the fleet's
// later refreshes spread out instead of staying bunched where the throttle left them.
public sealed partial class SecretRefreshEngine
{
    /// <summary>The first resume window; doubled per consecutive throttle up to <see cref="MaxResumeWindow"/>.</summary>
    private static readonly TimeSpan InitialResumeWindow = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxResumeWindow = TimeSpan.FromSeconds(10);

    /// <summary>The window the resume point is drawn from after <paramref name="consecutive"/> earlier throttles (from 0).</summary>
    internal static TimeSpan ResumeWindow(int consecutive)
    {
        double seconds = InitialResumeWindow.TotalSeconds * Math.Pow(2, Math.Min(consecutive, 16));
        return seconds >= MaxResumeWindow.TotalSeconds ? MaxResumeWindow : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Throws instead of calling when <paramref name="backend"/> is paused. The error carries no Retry-After of its own,
    /// so it never starts or extends a pause; it only fails the secrets that would have called.
    /// </summary>
    private void ThrowIfPaused(BackendRuntime backend)
    {
        lock (_gate)
        {
            if (backend.PausedUntil is { } until && until > _time.GetUtcNow())
            {
                throw new BackendPausedException(backend.Name, until);
            }
        }
    }

    /// <summary>
    /// A call answered with no item throttled (items may still have failed otherwise): the next throttle starts again
    /// from the smallest window.
    /// </summary>
    private void NoteAnswered(BackendRuntime backend)
    {
        lock (_gate)
        {
            backend.ConsecutiveThrottles = 0;
        }
    }

    /// <summary>Pauses <paramref name="backend"/> when <paramref name="error"/> is a throttle (transient with a Retry-After).</summary>
    private void NoteThrottle(BackendRuntime backend, ClassifiedError error)
    {
        if (error is not { Kind: Backends.SecretErrorKind.Transient, RetryAfter: { } retryAfter })
        {
            return;
        }

        DateTimeOffset resumeAt;
        int consecutive;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (backend.PausedUntil is { } until && until > now)
            {
                // A call already under way when the pause began (an on-demand refresh beside the cycle) was throttled
                // too: the pause stands, counted once, and lasts at least as long as this Retry-After.
                if (now + retryAfter > until)
                {
                    backend.PausedUntil = now + retryAfter;
                }

                return;
            }

            consecutive = backend.ConsecutiveThrottles;
            resumeAt = now + retryAfter + (ResumeWindow(consecutive) * _random.NextDouble());
            backend.PausedUntil = resumeAt;
            backend.ConsecutiveThrottles = Math.Min(consecutive + 1, 1000);
        }

        Log.BackendThrottled(_logger, backend.Name, retryAfter, resumeAt, consecutive + 1);
        _metrics.RecordThrottle(backend.Name);
    }

    /// <summary>When a secret that failed while its backend is paused is retried: when the pause ends.</summary>
    private static DateTimeOffset? PauseEndLocked(SecretState state, DateTimeOffset now) =>
        state.Backend.PausedUntil is { } until && until > now ? until : null;

    /// <summary>The factor for the first interval after a throttle: uniform in [0.5, 1.0], drawn once per cycle.</summary>
    private double DrawThrottleSpreadLocked() => 0.5 + (0.5 * _random.NextDouble());
}
