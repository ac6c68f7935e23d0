using System.Diagnostics;
using System.Globalization;

namespace SecretBroker.Benchmarks.SocketLoad;

/// <summary>
/// Closed-loop HTTP/1.1 load over a Unix socket or TCP: N keep-alive connections, each a dedicated thread that sends
/// one pre-built GET (with any extra headers, e.g. <c>Authorization</c>), reads the response (status line,
/// <c>Content-Length</c>, body) and sends the next. Latency is the Stopwatch time from send to the last body byte,
/// recorded into a preallocated array per connection; requests that start during the warm-up are not recorded. With
/// <c>--rate R</c> the load is paced instead: R requests/s over all connections, each request sent at its scheduled
/// time, a late one's latency counted from that time (see <see cref="Worker"/>).
/// Every answer is checked: a status other than 200, or (with <c>--expect-body</c>) a body that differs from the
/// expected bytes, is counted and makes the exit code 1, so a run that measured refusals cannot pass for a result.
/// Prints one JSON line: {connections, rate, requests, seconds, rps, p50_us, p99_us, max_us, unrecorded, answers (warm-up
/// included), errors, non_200, first_non_200, body_mismatches, body_bytes}.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (LoadOptions.Parse(args, out string? problem) is not { } options)
        {
            return Usage(problem!);
        }

        Worker[] workers = new Worker[options.Connections];
        for (var c = 0; c < options.Connections; c++)
        {
            workers[c] = new Worker(options, c, Math.Max(1024, options.MaxSamples / options.Connections));
        }

        // Connect every socket before any load, so the measured phase never includes connection setup.
        foreach (var w in workers)
        {
            w.Connect();
        }

        var threads = workers.Select(w => new Thread(w.Run) { IsBackground = true }).ToArray();
        Worker.Origin = Stopwatch.GetTimestamp();
        foreach (var t in threads)
        {
            t.Start();
        }

        Thread.Sleep(TimeSpan.FromSeconds(options.Warmup));
        var start = Stopwatch.GetTimestamp();
        Worker.Phase = Worker.Measure;
        Thread.Sleep(TimeSpan.FromSeconds(options.Duration));
        Worker.Phase = Worker.Stop;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (var t in threads)
        {
            t.Join();
        }

        var total = workers.Sum(w => w.Count);
        var all = new long[total];
        var at = 0;
        foreach (var w in workers)
        {
            Array.Copy(w.Samples, 0, all, at, w.Count);
            at += w.Count;
        }

        Array.Sort(all);
        var errors = workers.Sum(w => w.Errors);
        var overflow = workers.Sum(w => w.Overflow);
        var non200 = workers.Sum(w => w.Non200);
        var mismatches = workers.Sum(w => w.BodyMismatches);
        var firstNon200 = workers.Select(w => w.FirstNon200).FirstOrDefault(s => s is not null) ?? "";
        var bodyBytes = workers.Max(w => w.BodyBytes);
        var answers = workers.Sum(w => w.Answers);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"connections\":{options.Connections},\"rate\":{options.Rate:F0},\"requests\":{total + overflow},\"seconds\":{seconds:F3},\"rps\":{(total + overflow) / seconds:F0}," +
            $"\"p50_us\":{Micros(Percentile(all, 0.50)):F1},\"p99_us\":{Micros(Percentile(all, 0.99)):F1}," +
            $"\"max_us\":{Micros(all.Length > 0 ? all[^1] : 0):F1},\"unrecorded\":{overflow},\"answers\":{answers},\"errors\":{errors}," +
            $"\"non_200\":{non200},\"first_non_200\":\"{JsonText(firstNon200)}\",\"body_mismatches\":{mismatches},\"body_bytes\":{bodyBytes}}}");
        Console.Out.WriteLine(json);
        foreach (var w in workers)
        {
            w.Dispose();
        }

        return errors == 0 && non200 == 0 && mismatches == 0 && total > 0 ? 0 : 1;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"socketload: {message}");
        Console.Error.WriteLine(
            "usage: socketload (--socket PATH | --tcp HOST:PORT) [--path /v1/secrets/hf-token] [--header 'Name: value']... "
            + "[--expect-body FILE] [--connections 1] [--rate 0] [--warmup 1] [--duration 5]");
        return 2;
    }

    // Nearest-rank percentile of a sorted array.
    private static long Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    // The status line is ASCII from the server; only quotes and backslashes need escaping inside a JSON string.
    private static string JsonText(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
