using Microsoft.Extensions.Configuration;

namespace SecretBroker.Configuration.Tests.Fakes;

/// <summary>
/// Deterministic waits for the sidecar provider's watch loop: wait until it sleeps on the fake clock, wake it, and
/// await its "poll completed" signal. A test built on these fails (times out) when the loop never polls.
/// </summary>
internal static class SidecarPolls
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    public static SecretBrokerSidecarConfigurationProvider SidecarProvider(this IConfigurationRoot configuration) =>
        configuration.Providers.OfType<SecretBrokerSidecarConfigurationProvider>().Single();

    /// <summary>Waits for the watch loop's first look at the sidecar (it looks once as soon as it starts).</summary>
    public static Task FirstPollAsync(this IConfigurationRoot configuration) =>
        configuration.SidecarProvider().Polls.WaitBeyondAsync(0, CancellationToken.None).WaitAsync(Safety);

    /// <summary>
    /// Waits until the loop sleeps on a timer due within <paramref name="within"/> (any, when null), moves the clock to
    /// it, and waits until the look it wakes for has completed (its result applied or its failure reported).
    /// </summary>
    public static async Task NextPollAsync(this IConfigurationRoot configuration, TestClock clock, TimeSpan? within = null)
    {
        Internal.PollSignal polls = configuration.SidecarProvider().Polls;
        DateTimeOffset due = within is { } span ? await clock.WaitForTimerDueWithinAsync(span) : await clock.WaitForPendingTimerAsync();

        // The loop is asleep (it signals before it sleeps), so the count cannot move until the clock does.
        long before = polls.Count;
        clock.SetUtcNow(due);
        await polls.WaitBeyondAsync(before, CancellationToken.None).WaitAsync(Safety);
    }

    /// <summary>
    /// Socket mode after a restart: the loop either sleeps on a retry (woken here) or already follows the sidecar and
    /// catches up through a long poll. Waits look by look until <paramref name="condition"/> holds.
    /// </summary>
    public static async Task UntilAsync(this IConfigurationRoot configuration, TestClock clock, TimeSpan retryWithin, Func<bool> condition)
    {
        Internal.PollSignal polls = configuration.SidecarProvider().Polls;
        using var safety = new CancellationTokenSource(Safety);
        while (!condition())
        {
            long before = polls.Count;
            using var look = CancellationTokenSource.CreateLinkedTokenSource(safety.Token);
            Task polled = polls.WaitBeyondAsync(before, look.Token);
            Task<DateTimeOffset> retry = clock.WaitForTimerDueWithinAsync(retryWithin, look.Token);
            if (await Task.WhenAny(polled, retry) == retry && retry.IsCompletedSuccessfully && !polled.IsCompleted)
            {
                clock.SetUtcNow(retry.Result);
            }

            await polled;
            await look.CancelAsync();
            await retry.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
