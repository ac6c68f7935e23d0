using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Files;

internal sealed partial class GenerationWriter : IDisposable
{
    /// <summary>How long a replaced generation stays on disk after <c>..data</c> moved off it.</summary>
    /// <remarks>
    /// A reader opening <c>&lt;dir&gt;/&lt;name&gt;</c> resolves <c>..data</c> and then the file inside the generation in
    /// two steps; if the writer swapped and deleted in between, the open failed with ENOENT (the kubelet's AtomicWriter
    /// has that window: it deletes the old directory right after the swap). Keeping replaced generations for a grace
    /// period closes it for any reader not stalled longer than this.
    /// </remarks>
    public static readonly TimeSpan RetiredGenerationGrace = TimeSpan.FromSeconds(5);

    /// <summary>At most this many replaced generations are kept, so rapid rotations cannot fill the tmpfs volume.</summary>
    public const int MaxRetiredGenerations = 4;

    private readonly Queue<(string Name, DateTimeOffset RetiredAt)> _retired = new();
    private ITimer? _retireTimer;
    private bool _disposed;

    /// <summary>Removes the replaced generations still kept (a clean stop leaves one generation), stops the timer and releases the directory lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _retireTimer?.Dispose();
            while (_retired.TryDequeue(out var retired))
            {
                RemoveRetired(retired.Name);
            }

            // Last: another writer may take the directory only once this one has finished with it.
            _lock?.Dispose();
        }
    }

    /// <summary>Called under the gate after a swap: keeps <paramref name="replaced"/> for the grace period.</summary>
    private void Retire(string? replaced)
    {
        if (replaced is not null)
        {
            _retired.Enqueue((replaced, _timeProvider.GetUtcNow()));
        }

        while (_retired.Count > MaxRetiredGenerations)
        {
            RemoveRetired(_retired.Dequeue().Name);
        }

        ScheduleRetirement();
    }

    private bool IsRetired(string name) => _retired.Any(r => r.Name == name);

    private void OnRetireTimer(object? state)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            DateTimeOffset now = _timeProvider.GetUtcNow();
            while (_retired.TryPeek(out var oldest) && now - oldest.RetiredAt >= RetiredGenerationGrace)
            {
                RemoveRetired(_retired.Dequeue().Name);
            }

            ScheduleRetirement();
        }
    }

    private void ScheduleRetirement()
    {
        if (_disposed || !_retired.TryPeek(out var oldest))
        {
            return;
        }

        TimeSpan due = oldest.RetiredAt + RetiredGenerationGrace - _timeProvider.GetUtcNow();
        _retireTimer ??= _timeProvider.CreateTimer(OnRetireTimer, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retireTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void RemoveRetired(string name)
    {
        try
        {
            RemoveEntry(Path.Combine(_directory, name));
            _logger.OldGenerationRemoved(name, _directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not retried by the timer: the next write's sweep removes whatever is neither current nor kept.
            _logger.RemovalFailed(name, _directory, ex);
        }
    }
}
