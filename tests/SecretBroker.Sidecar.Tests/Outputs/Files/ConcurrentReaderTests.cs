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
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Same ..data before and after: all three opens resolved through one generation (names never repeat).
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
                    // this must not happen; counted (not thrown on the reader's thread) and asserted below.
                    Interlocked.Increment(ref vanished);
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
        int written = 0;
        while ((written < 300 || Volatile.Read(ref consistentReads) < 100) && deadline.Elapsed < TimeSpan.FromSeconds(20) && !reader.IsCompleted)
        {
            written++;
            writer.Write(Generation(written, ("a", Value(written, "a")), ("b", Value(written, "b")), ("c", Value(written, "c"))));
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(consistentReads >= 100, $"only {consistentReads} consistent reads");
        Assert.True(vanished == 0, $"{vanished} opens hit a deleted generation ({consistentReads} consistent reads)");
        Assert.True(output.GenerationDirectories().Length <= 1 + GenerationWriter.MaxRetiredGenerations, "rapid writes keep a bounded number of replaced generations");
        output.PassRetirementGrace();
        Assert.Single(output.GenerationDirectories());
    }
}
