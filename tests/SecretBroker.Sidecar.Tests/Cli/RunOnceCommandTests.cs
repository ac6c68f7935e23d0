using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>
/// <c>run --once</c> in-process: stopped (SIGTERM, here the CLI's cancellation) before it has written, it exits 1 saying
/// so and publishes no generation; run to the end it writes and logs <c>OnceDelivered</c> without ever starting a host.
/// </summary>
public class RunOnceCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_once_stopped_before_the_write_exits_1_and_publishes_nothing()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", "hf_demo_1");
        string output = Path.Combine(dir.Path, "out");
        string config = WriteConfig(dir, output);
        CliRunner cli = new() { HostOptions = new SidecarHostOptions { JsonConsoleLogging = false } };
        using CancellationTokenSource stopped = new();
        await stopped.CancelAsync();

        CliResult result = await cli.RunAsync(stopped.Token, "run", "--once", "--config", config).WaitAsync(Deadline);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("secretbroker run --once: interrupted before the files were written", result.Error.Trim());
        Assert.False(Path.Exists(Path.Combine(output, "..data")), "an interrupted run --once published a generation");
    }

    [Fact]
    public async Task Run_once_writes_logs_OnceDelivered_and_starts_no_service()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", "hf_demo_1");
        string output = Path.Combine(dir.Path, "out");
        string config = WriteConfig(dir, output);
        CollectingLoggerProvider logs = new();
        CliRunner cli = new() { HostOptions = new SidecarHostOptions { JsonConsoleLogging = false, ConfigureLogging = l => l.AddProvider(logs) } };

        CliResult result = await cli.RunAsync("run", "--once", "--config", config).WaitAsync(Deadline);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("hf_demo_1", File.ReadAllText(Path.Combine(output, "hf-token")));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 3040);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 3005);

        // Started (3001) and Stopping (3003) belong to the refresh service: a host that never started logs neither.
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id is 3001 or 3003);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("hf_demo", StringComparison.Ordinal));
    }

    private static string WriteConfig(TempDirectory dir, string output) => dir.Write("secretbroker.yaml", $$"""
        backends: { local: { type: file, path: ./secrets } }
        secrets: [ { name: hf-token, backend: local, id: hf-token } ]
        outputs: { files: { dir: {{output}} } }
        """);
}
