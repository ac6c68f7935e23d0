using SecretBroker.Emulators.Faults;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>Request rates read from the emulators' timed request log.</summary>
internal static class RequestRate
{
    /// <summary>
    /// The most requests matching <paramref name="counted"/> in any window of length <paramref name="window"/> that
    /// starts at a request in [<paramref name="from"/>, <paramref name="to"/> − window] (windows inside the span only).
    /// </summary>
    public static int PeakInWindow(IReadOnlyList<RequestRecord> log, DateTimeOffset from, DateTimeOffset to, TimeSpan window, Func<RequestRecord, bool> counted)
    {
        List<DateTimeOffset> times = [.. log.Where(r => r.At >= from && r.At < to && counted(r)).Select(r => r.At).Order()];
        int peak = 0;
        for (int start = 0, end = 0; start < times.Count && times[start] + window <= to; start++)
        {
            while (end < times.Count && times[end] < times[start] + window)
            {
                end++;
            }

            peak = Math.Max(peak, end - start);
        }

        return peak;
    }

    /// <summary>How many requests matching <paramref name="counted"/> fall in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static int Count(IReadOnlyList<RequestRecord> log, DateTimeOffset from, DateTimeOffset to, Func<RequestRecord, bool> counted) =>
        log.Count(r => r.At >= from && r.At < to && counted(r));
}
