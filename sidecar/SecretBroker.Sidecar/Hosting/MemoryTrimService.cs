using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// Runs <see cref="StartupMemoryTrim"/> once, after the start: when the sidecar is ready (or after
/// <see cref="LongestWait"/> if it is not), plus <see cref="Settle"/> so the first layout check and the listeners'
/// first requests have run. Registered only where <see cref="StartupMemoryTrim.Applies"/>.
/// </summary>
internal sealed class MemoryTrimService(SidecarReadiness readiness, TimeProvider time, ILogger<MemoryTrimService> logger) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            long started = time.GetTimestamp();
            while (!readiness.IsReady && time.GetElapsedTime(started) < LongestWait)
            {
                await Task.Delay(Poll, time, stoppingToken).ConfigureAwait(false);
            }

            await Task.Delay(Settle, time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        long before = StartupMemoryTrim.ResidentKiB();
        (int ranges, int error) = StartupMemoryTrim.Run();
        long after = StartupMemoryTrim.ResidentKiB();
        Log.MemoryTrimmed(logger, ranges, before, after, error);
    }
}
