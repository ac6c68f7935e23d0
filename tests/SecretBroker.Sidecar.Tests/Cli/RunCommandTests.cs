using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Cli;

// These run the real host in-process, so they pass once the engine, the file backend, GenerationWriter and
// FilesOutputService are merged; until then: dotnet test --filter "NeedsMerge!=engine".
[Trait("NeedsMerge", "engine")]
public class RunCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_publishes_the_secrets_logs_its_start_and_exits_0_when_stopped()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", "hf_demo_1");
        string output = Path.Combine(dir.Path, "out");
        string config = dir.Write("secretbroker.yaml", $$"""
            backends: { local: { type: file, path: ./secrets } }
            secrets: [ { name: hf-token, backend: local, id: hf-token, refresh: 200ms } ]
            outputs: { files: { dir: {{output}} } }
            """);
        CollectingLoggerProvider logs = new();
        CliRunner cli = new() { HostOptions = new SidecarHostOptions { JsonConsoleLogging = false, ConfigureLogging = l => l.AddProvider(logs) } };
        using CancellationTokenSource stop = new();

        Task<CliResult> run = cli.RunAsync(stop.Token, "run", "--config", config);
        await WaitUntilAsync(() => ReadOrNull(Path.Combine(output, "hf-token")) == "hf_demo_1", run);

        // A rotation on disk reaches the output on the next refresh.
        dir.Write("secrets/hf-token", "hf_demo_2");
        await WaitUntilAsync(() => ReadOrNull(Path.Combine(output, "hf-token")) == "hf_demo_2", run);

        await stop.CancelAsync();
        CliResult result = await run.WaitAsync(Deadline);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 3000);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 3001);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("hf_demo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_refuses_an_output_directory_not_on_tmpfs_with_exit_2_and_writes_nothing()
    {
        using TempDirectory dir = new(onTmpfs: false);
        dir.Write("secrets/hf-token", "hf_demo_1");
        string output = Path.Combine(dir.Path, "out");
        string config = dir.Write("secretbroker.yaml", $$"""
            backends: { local: { type: file, path: ./secrets } }
            secrets: [ { name: hf-token, backend: local, id: hf-token } ]
            outputs: { files: { dir: {{output}} } }
            """);
        CliRunner cli = new() { HostOptions = new SidecarHostOptions { JsonConsoleLogging = false } };

        CliResult result = await cli.RunAsync("run", "--config", config).WaitAsync(Deadline);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("outputs.files.dir", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // End-to-end waits poll a condition against a deadline (no fixed sleeps), and fail fast if the run ended.
    private static async Task WaitUntilAsync(Func<bool> condition, Task run)
    {
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.False(run.IsCompleted, "run ended early: " + (run.IsCompleted ? ((Task<CliResult>)run).Result.ToString() : string.Empty));
            Assert.True(DateTime.UtcNow < deadline, "condition not met before the deadline");
            await Task.Delay(50);
        }
    }
}
