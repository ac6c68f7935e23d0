using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Writes every generation the engine publishes to the files output. A failed write is logged and retried with the
/// next generation; it never stops the host. <see cref="GenerationWriter.Initialize"/> is the host's job at startup.
/// </summary>
internal sealed class FilesOutputService : BackgroundService
{
    private readonly SecretRefreshEngine _engine;
    private readonly GenerationWriter _writer;
    private readonly ILogger<FilesOutputService> _logger;

    public FilesOutputService(SecretRefreshEngine engine, GenerationWriter writer, ILogger<FilesOutputService> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _writer = writer;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Generation 0 is "nothing loaded yet": writing it would replace what a previous run delivered with an empty
        // set. The first real generation is the engine's initial load.
        SecretGeneration last = _engine.Current;
        bool pending = last.Number == 0 || !TryWrite(last);
        while (!stoppingToken.IsCancellationRequested)
        {
            SecretGeneration generation;
            try
            {
                generation = await _engine.WaitForGenerationAsync(last.Number, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // Only stale flags moved: the files are the same. After a failure, any generation is worth a retry.
            if (generation.Changed.Count > 0 || pending)
            {
                pending = !TryWrite(generation);
            }

            last = generation;
        }
    }

    private bool TryWrite(SecretGeneration generation)
    {
        try
        {
            _writer.Write(generation);
            return true;
        }
#pragma warning disable CA1031 // A write failure must never crash the host; it is logged and retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.FilesWriteFailed(generation.Number, ex);
            return false;
        }
    }
}
