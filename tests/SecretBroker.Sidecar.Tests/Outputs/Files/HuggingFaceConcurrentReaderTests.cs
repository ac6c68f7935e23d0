using System.Diagnostics;

using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// A reader of <c>$HF_HOME/token</c> and <c>$HF_TOKEN_PATH</c> during rapid rotation: every read is a whole token, and
/// the pair read through one <c>..data</c> is always the same token.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class HuggingFaceConcurrentReaderTests
{
    [Fact]
    public async Task Both_paths_always_hold_one_whole_token_and_agree_within_a_generation()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFaceLayoutTests.HuggingFace());
        static string Token(int i) => $"hf_{i:D6}" + new string('t', 2048);
        writer.Write(Generation(0, ("hf-token", Token(0))));

        using var stop = new CancellationTokenSource();
        int pairs = 0;
        int written = 0;
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                int writtenBefore = Volatile.Read(ref written);
                string? before = output.DataTarget;
                string home;
                string path;
                try
                {
                    home = output.ReadVisible("hf/token");
                    path = output.ReadVisible("hf-token");
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
                    && Volatile.Read(ref written) - writtenBefore > GenerationWriter.MaxRetiredGenerations)
                {
                    // Outrun by a burst of writes larger than the retention cap (see ConcurrentReaderTests).
                    continue;
                }

                Assert.Matches(@"^hf_[0-9]{6}t{2048}$", home);
                Assert.Matches(@"^hf_[0-9]{6}t{2048}$", path);
                if (output.DataTarget == before)
                {
                    Assert.Equal(home, path);
                    Interlocked.Increment(ref pairs);
                }
            }
        });

        var deadline = Stopwatch.StartNew();
        while ((written < 200 || Volatile.Read(ref pairs) < 50) && deadline.Elapsed < TimeSpan.FromSeconds(20) && !reader.IsCompleted)
        {
            int next = written + 1;
            writer.Write(Generation(next, ("hf-token", Token(next))));
            Volatile.Write(ref written, next);
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(pairs >= 50, $"only {pairs} pairs read within one generation");

        // Replaced generations (each with its hf/ subdirectory) are removed after the grace period.
        output.PassRetirementGrace();
        Assert.Single(output.GenerationDirectories());
    }
}
