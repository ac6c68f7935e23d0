using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>`secretbroker run` with the file backend delivers secrets to tmpfs and follows rotations on disk.</summary>
public sealed class RunRotatesFilesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_rotation_on_disk_shows_in_the_output_within_refresh_plus_one_second()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_first_value");
        setup.SetSource("other", "unchanged");
        var config = setup.WriteConfig(["hf-token", "other"], Refresh);

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_first_value", TimeSpan.FromSeconds(20), "the first value delivered");
        Assert.Equal("unchanged", setup.ReadOutput("other"));

        setup.SetSource("hf-token", "hf_second_value");
        var rotatedAt = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_second_value", TimeSpan.FromSeconds(10), "the rotated value delivered");
        var latency = rotatedAt.Elapsed;
        output.WriteLine($"rotation visible after {latency.TotalMilliseconds:0} ms (refresh {Refresh.TotalMilliseconds:0} ms)");

        Assert.True(latency <= Refresh + TimeSpan.FromSeconds(1), $"rotation took {latency.TotalMilliseconds:0} ms, more than refresh + 1 s");
        Assert.Equal("unchanged", setup.ReadOutput("other"));

        // The two lines the README's quick start tells a new user to look for.
        await Eventually.HoldsAsync(
            () => sidecar.StdoutLines.Any(l => l.Contains("\"EventId\":1002,", StringComparison.Ordinal) && l.Contains("Secret hf-token changed: version ", StringComparison.Ordinal))
                && sidecar.StdoutLines.Count(l => l.Contains("\"EventId\":2000,", StringComparison.Ordinal) && l.Contains("Wrote generation ..", StringComparison.Ordinal)) >= 2,
            TimeSpan.FromSeconds(5),
            "the change and the generation written, as the README describes them");
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains("`\"EventId\":1002` with the message `Secret hf-token changed: version … -> …`", readme, StringComparison.Ordinal);
        Assert.Contains("`\"EventId\":2000`, `Wrote generation ..", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_the_sidecar_cleanly_with_exit_code_zero_within_five_seconds()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], Refresh);

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(20), "the value delivered");

        var stopping = Stopwatch.StartNew();
        sidecar.Signal(Posix.SigTerm);
        var exitCode = await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"exit {exitCode} after {stopping.ElapsedMilliseconds} ms");

        Assert.Equal(0, exitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stop took {stopping.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Sigint_also_stops_the_sidecar_with_exit_code_zero()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], Refresh);

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(20), "the value delivered");
        sidecar.Signal(Posix.SigInt);

        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Logs_are_one_json_object_per_line_on_stdout()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], Refresh);

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(20), "the value delivered");
        sidecar.Signal(Posix.SigTerm);
        await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEmpty(sidecar.StdoutLines);
        foreach (var line in sidecar.StdoutLines)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(document.RootElement.TryGetProperty("EventId", out _), $"log line without EventId: {line}");
        }
    }
}
