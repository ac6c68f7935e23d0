using System.Diagnostics.Metrics;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Keeps the files output equal to the engine's current generation: writes every generation the engine publishes,
/// retries a failed write with backoff (always with the newest generation) until it succeeds, and checks the
/// published layout every <see cref="LayoutCheckPeriod"/> to repair what something else broke. While the files lag,
/// <see cref="FilesDeliveryState"/> says so (readiness answers 503) and a metric shows it. A failure never stops the
/// host. <see cref="GenerationWriter.Initialize"/> is the host's job at startup.
/// </summary>
internal sealed class FilesOutputService : BackgroundService
{
    /// <summary>How often the layout (<c>..data</c>, the links, the generation directory) is checked between writes.</summary>
    public static readonly TimeSpan LayoutCheckPeriod = TimeSpan.FromSeconds(2);

    /// <summary>First delay after a failed write; doubled after each further failure up to <see cref="RetryMax"/>.</summary>
    public static readonly TimeSpan RetryInitial = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two attempts (each delay is drawn between half of it and all of it).</summary>
    public static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(30);

    private readonly SecretRefreshEngine _engine;
    private readonly GenerationWriter _writer;
    private readonly FilesDeliveryState _state;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FilesOutputService> _logger;
    private readonly FilesMetrics _metrics;
    private readonly string _directory;
    private int _failures;

    // Core's one backoff, each delay between half the ceiling and all of it: sidecars that failed together do not
    // retry in lockstep, and none retries at once.
    private readonly ExponentialBackoff _backoff = new(RetryInitial, RetryMax, Random.Shared) { JitterFloor = 0.5 };

    public FilesOutputService(
        SecretRefreshEngine engine,
        GenerationWriter writer,
        FilesDeliveryState state,
        TimeProvider timeProvider,
        ILogger<FilesOutputService> logger,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _writer = writer;
        _state = state;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = new FilesMetrics(meterFactory, state);
        _directory = writer.OutputPath;
    }

    public override void Dispose()
    {
        _metrics.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Generation 0 is "nothing loaded yet": writing it would replace what a previous run delivered with an empty
        // set. The first real generation is the engine's initial load.
        SecretGeneration written = _engine.Current;
        bool writeDue = written.Number > 0;
        int attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Always the newest: after a failure, whatever the engine holds now, not the generation that failed.
            SecretGeneration target = _engine.Current;
            if (Synchronize(target, writeDue) is { } failure)
            {
                TimeSpan wait = _backoff.NextDelay(attempt);
                attempt = Math.Min(attempt + 1, 30);
                RecordFailure(target, failure, wait);
                writeDue = true;
                try
                {
                    await Task.Delay(wait, _timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            RecordSuccess(target);
            attempt = 0;
            if (writeDue)
            {
                written = target;
                writeDue = false;
            }

            SecretGeneration? next = await NextGenerationAsync(written.Number, stoppingToken).ConfigureAwait(false);
            if (next is not null)
            {
                // Only stale flags moved since the generation written: the files are the same.
                writeDue = next.Number != written.Number + 1 || next.Changed.Count > 0;
                if (!writeDue)
                {
                    written = next;
                    _state.SetDelivered(next);
                }
            }
        }
    }

    /// <summary>Writes <paramref name="generation"/> when due, then checks and repairs the layout; returns the failure, if any.</summary>
    private Exception? Synchronize(SecretGeneration generation, bool writeDue)
    {
        try
        {
            // Each generation the files hold (written now, or found identical on disk) is recorded at once: readiness waits for it.
            if (writeDue && generation.Number > 0)
            {
                _writer.Write(generation);
                _state.SetDelivered(generation);
            }

            switch (_writer.VerifyLayout())
            {
                case LayoutCheck.GenerationLost when generation.Number > 0:
                    _writer.Write(generation);
                    _state.SetDelivered(generation);
                    _metrics.LayoutRepaired();
                    break;
                case LayoutCheck.Repaired:
                    _metrics.LayoutRepaired();
                    break;
            }

            return null;
        }
#pragma warning disable CA1031 // A write failure must never crash the host; it is logged and retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }

    private void RecordFailure(SecretGeneration generation, Exception failure, TimeSpan retryIn)
    {
        _failures++;
        _state.SetBehind(true);
        _metrics.WriteFailed();
        string reason = IoProblemText.Describe(failure);
        if (_failures == 1)
        {
            // The stack trace only for what is not a file-system error (a bug, not a full disk).
            Exception? unexpected = failure is IOException or UnauthorizedAccessException ? null : failure;
            _logger.FilesWriteFailed(generation.Number, _directory, reason, retryIn, unexpected);
        }
        else
        {
            _logger.FilesWriteFailedAgain(generation.Number, _directory, _failures, reason, retryIn);
        }
    }

    private void RecordSuccess(SecretGeneration generation)
    {
        if (_failures > 0)
        {
            _logger.FilesCaughtUp(generation.Number, _directory, _failures);
            _failures = 0;
        }

        _state.SetBehind(false);
    }

    /// <summary>The first generation after <paramref name="afterNumber"/>, or null when the layout check is due first (or on stop).</summary>
    private async Task<SecretGeneration?> NextGenerationAsync(long afterNumber, CancellationToken stoppingToken)
    {
        using var due = new CancellationTokenSource(LayoutCheckPeriod, _timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, due.Token);
        try
        {
            return await _engine.WaitForGenerationAsync(afterNumber, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            return null;
        }
    }
}
