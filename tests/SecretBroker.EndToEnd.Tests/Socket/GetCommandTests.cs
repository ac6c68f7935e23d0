using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary><c>secretbroker get</c> against a running sidecar: exact bytes on stdout, exit codes 0/1/2.</summary>
public sealed class GetCommandTests
{
    // Newlines, a trailing space and bytes that are not UTF-8: stdout must carry them untouched, nothing appended.
    private static readonly byte[] Value = [.. "line one\nline two \n"u8, 0xff, 0x00, 0xfe];

    [Fact]
    public async Task Get_prints_exactly_the_value_bytes_and_exit_codes_follow_the_contract()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        File.WriteAllBytes(Path.Combine(setup.SourceDirectory, "blob"), Value);
        var config = setup.WriteConfig(["blob"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));

        var found = await RunGetAsync(["get", "blob", "--socket", socket]);
        Assert.Equal(0, found.ExitCode);
        Assert.Equal(Value, found.Stdout);

        var fromEnvironment = await RunGetAsync(["get", "blob"], new Dictionary<string, string> { ["SECRETBROKER_SOCKET"] = socket });
        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Equal(Value, fromEnvironment.Stdout);

        var missing = await RunGetAsync(["get", "nope", "--socket", socket]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Empty(missing.Stdout);
        Assert.Contains("nope", missing.Stderr, StringComparison.Ordinal);

        var unreachable = await RunGetAsync(["get", "blob", "--socket", run.Combine("nothing.sock")]);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains($"there is no socket at {run.Combine("nothing.sock")}", unreachable.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot assign requested address", unreachable.Stderr, StringComparison.Ordinal);

        var usage = await RunGetAsync(["get", "../etc/passwd", "--socket", socket]);
        Assert.Equal(2, usage.ExitCode);
        Assert.Empty(usage.Stdout);
    }

    private static Task<(int ExitCode, byte[] Stdout, string Stderr)> RunGetAsync(string[] arguments, Dictionary<string, string>? environment = null) =>
        SidecarCli.RunAsync(arguments, environment);
}
