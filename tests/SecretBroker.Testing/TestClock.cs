using Microsoft.Extensions.Time.Testing;

namespace SecretBroker.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which timers are pending. The engine only ever waits on a timer, so a
/// test can wait until the engine is idle (a timer is pending), read when it will wake, and advance exactly there.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TrackedTimer> _pending = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestClock()
        : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public int PendingTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // The real timer exists before a test can see it pending, so advancing to its due time always fires it.
        var tracked = new TrackedTimer(this, callback, state);
        DateTimeOffset now = GetUtcNow();
        tracked.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), tracked, dueTime, period);
        Track(tracked, now, dueTime, period);
        return tracked;
    }

    /// <summary>Waits (bounded by real time) until at least <paramref name="count"/> timers are pending; returns the earliest due time.</summary>
    public async Task<DateTimeOffset> WaitForPendingTimerAsync(int count = 1)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_pending.Count >= count)
                {
                    return _pending.Min(static t => t.Due);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(safety.Token);
        }
    }

    /// <summary>
    /// Waits (bounded by real time) until a pending timer is due within <paramref name="within"/> of now; returns the
    /// earliest such due time. Tells a short wait (a retry delay) from a long one pending beside it (a periodic re-list).
    /// </summary>
    public async Task<DateTimeOffset> WaitForTimerDueWithinAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                DateTimeOffset limit = GetUtcNow() + within;
                if (_pending.Where(t => t.Due <= limit).Select(static t => (DateTimeOffset?)t.Due).Min() is { } due)
                {
                    return due;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(safety.Token);
        }
    }

    /// <summary>Waits until the engine sleeps on a timer, then moves the clock exactly to that timer's due time.</summary>
    public async Task<DateTimeOffset> AdvanceToNextTimerAsync()
    {
        DateTimeOffset due = await WaitForPendingTimerAsync();
        SetUtcNow(due);
        return due;
    }

    private void Track(TrackedTimer timer, DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _pending.Remove(timer);
            timer.Period = period;
            if (dueTime != Timeout.InfiniteTimeSpan && !timer.Done)
            {
                timer.Due = now + dueTime;
                _pending.Add(timer);
            }

            Signal();
        }
    }

    private void Fired(TrackedTimer timer)
    {
        lock (_lock)
        {
            if (timer.Period == Timeout.InfiniteTimeSpan || timer.Period == TimeSpan.Zero)
            {
                timer.Done = true;
                _pending.Remove(timer);
            }
            else
            {
                timer.Due += timer.Period;
            }

            Signal();
        }
    }

    private void Untrack(TrackedTimer timer)
    {
        lock (_lock)
        {
            timer.Done = true;
            _pending.Remove(timer);
            Signal();
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TrackedTimer(TestClock owner, TimerCallback callback, object? state) : ITimer
    {
        public ITimer? Inner { get; set; }

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Done { get; set; }

        public void Fire()
        {
            owner.Fired(this);
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DateTimeOffset now = owner.GetUtcNow();
            bool changed = Inner!.Change(dueTime, period);
            owner.Track(this, now, dueTime, period);
            return changed;
        }

        public void Dispose()
        {
            owner.Untrack(this);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
