namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Counts the watch loop's completed looks at the sidecar (a files poll, a long poll's answer, a re-list, a reconnect
/// attempt), each raised after what it read has been applied or its failure reported. Tests await it instead of
/// sleeping, so a test that waits for a poll fails when the loop never polls.
/// </summary>
internal sealed class PollSignal
{
    private readonly Lock _lock = new();
    private long _count;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many looks have completed so far.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>One look completed.</summary>
    public void Completed()
    {
        TaskCompletionSource completed;
        lock (_lock)
        {
            _count++;
            completed = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        completed.TrySetResult();
    }

    /// <summary>Completes once more than <paramref name="count"/> looks have completed.</summary>
    public async Task WaitBeyondAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_count > count)
                {
                    return;
                }

                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
