using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// Runs the refresh engine for the host's lifetime: the initial load and background refresh at start, disposal at stop.
/// A backend failure is logged, never thrown: the engine keeps retrying, and readiness says what is missing.
/// </summary>
internal sealed class SecretRefreshService(SecretRefreshEngine engine, ILogger<SecretRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<SecretRefreshOutcome> outcomes;
        try
        {
            outcomes = await engine.StartAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        int loaded = 0;
        foreach (SecretRefreshOutcome outcome in outcomes)
        {
            if (outcome.Succeeded)
            {
                loaded++;
            }
            else
            {
                Log.SecretLoadFailed(logger, outcome.Name, outcome.Backend, outcome.Error ?? "unknown error");
            }
        }

        Log.Started(logger, loaded, engine.Definitions.Count);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.Stopping(logger);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Stop the refresh loops before the outputs and the container go away; the engine's disposal is idempotent.
        await engine.DisposeAsync().ConfigureAwait(false);
    }
}
