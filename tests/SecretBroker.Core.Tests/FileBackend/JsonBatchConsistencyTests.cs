using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

public class JsonBatchConsistencyTests
{
    [Fact]
    public async Task One_batch_reads_the_document_once_so_values_always_match_each_other()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "secrets.json");
        File.WriteAllText(file, """{"a": "0", "b": "0", "c": "0"}""");

        using var stop = new CancellationTokenSource();
        Task writer = Task.Run(() =>
        {
            // Writers rename atomically; the backend must never combine two documents in one batch.
            for (int i = 1; !stop.IsCancellationRequested; i++)
            {
                string tmp = file + ".tmp";
                File.WriteAllText(tmp, $$"""{"a": "{{i}}", "b": "{{i}}", "c": "{{i}}"}""");
                File.Move(tmp, file, overwrite: true);
            }
        });

        // Wait on a condition with a deadline (no sleeps): enough distinct generations seen mid-rotation.
        var seen = new HashSet<string>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (seen.Count < 100 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var results = await FetchAsync(file, Secret("a"), Secret("b"), Secret("c"));
            string[] values = [.. results.Select(r => r.Text())];
            Assert.All(values, v => Assert.Equal(values[0], v));
            seen.Add(values[0]);
        }

        await stop.CancelAsync();
        await writer;
        Assert.True(seen.Count > 1, "the writer never rotated during the test");
    }
}
