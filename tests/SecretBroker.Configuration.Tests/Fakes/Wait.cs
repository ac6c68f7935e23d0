using System.Diagnostics;

namespace SecretBroker.Configuration.Tests.Fakes;

internal static class Wait
{
    /// <summary>Polls a condition until a deadline (for tests against real sockets and background loops).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Completes when the configuration's current reload token fires.</summary>
    public static Task ReloadOf(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configuration.GetReloadToken().RegisterChangeCallback(_ => fired.TrySetResult(), null);
        return fired.Task;
    }
}
