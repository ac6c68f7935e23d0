using System.Diagnostics;

using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class ConcurrentReaderTests
{
    [Fact]
    public async Task A_reader_never_sees_a_partial_file_a_mix_of_generations_or_a_vanished_file()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        static string Value(int i, string name) => $"{name}:{i}:" + new string('v', 4096);
        writer.Write(Generation(0, ("a", Value(0, "a")), ("b", Value(0, "b")), ("c", Value(0, "c"))));

        using var stop = new CancellationTokenSource();
        int consistentReads = 0;
        int vanished = 0;
        int outrun = 0;
        int written = 0;
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Same ..data before and after: all three opens resolved through one generation (names never repeat).
                int writtenBefore = Volatile.Read(ref written);
                string? before = output.DataTarget;
                string[] values;
                try
                {
                    values = [output.ReadVisible("a"), output.ReadVisible("b"), output.ReadVisible("c")];
                }
                catch (FileNotFoundException)
                {
                    // The kubelet's AtomicWriter window: an open that resolved ..data just before a swap reaching the
                    // replaced generation after it was deleted. Replaced generations are kept for a grace period, so
                    // this must not happen — unless the writer published more than MaxRetiredGenerations newer ones in
                    // the meantime (a burst no refresh schedule makes; the cap bounds tmpfs use). Counted, asserted below.
                    if (Volatile.Read(ref written) - writtenBefore > GenerationWriter.MaxRetiredGenerations)
                    {
                        Interlocked.Increment(ref outrun);
                    }
                    else
                    {
                        Interlocked.Increment(ref vanished);
                    }

                    continue;
                }

                if (output.DataTarget != before)
                {
                    continue;
                }

                string[] generations = [.. values.Select(v => v.Split(':')[1])];
                Assert.All(values, v => Assert.EndsWith(new string('v', 4096), v, StringComparison.Ordinal));
                Assert.All(generations, g => Assert.Equal(generations[0], g));
                Interlocked.Increment(ref consistentReads);
            }
        });

        var deadline = Stopwatch.StartNew();
        while ((written < 300 || Volatile.Read(ref consistentReads) < 100) && deadline.Elapsed < TimeSpan.FromSeconds(20) && !reader.IsCompleted)
        {
            int next = written + 1;
            writer.Write(Generation(next, ("a", Value(next, "a")), ("b", Value(next, "b")), ("c", Value(next, "c"))));
            Volatile.Write(ref written, next);
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(consistentReads >= 100, $"only {consistentReads} consistent reads");
        Assert.True(vanished == 0, $"{vanished} opens hit a deleted generation within the retention cap ({consistentReads} consistent reads, {outrun} outrun by a burst of writes)");
        Assert.True(output.GenerationDirectories().Length <= 1 + GenerationWriter.MaxRetiredGenerations, "rapid writes keep a bounded number of replaced generations");
        output.PassRetirementGrace();
        Assert.Single(output.GenerationDirectories());
    }
}
