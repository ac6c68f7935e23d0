using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline: end-to-end tests watch real processes, so they poll, never sleep blindly.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(10);
        }

        return watch.Elapsed;
    }

    /// <summary>The same for a condition that needs I/O (an HTTP probe of the sidecar).</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(10);
        }

        return watch.Elapsed;
    }

    public static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
