using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// A FIFO at a secret path used to hang the file backend: the open blocked until a writer came, nothing else of that
/// backend refreshed, and SIGTERM no longer stopped the process. Now it is a clear permanent error for that secret.
/// </summary>
public sealed class NonRegularSecretFileTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_FIFO_among_secrets_is_logged_clearly_the_others_are_delivered_and_SIGTERM_stops_promptly()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        string fifo = Fifo.Make(Path.Combine(setup.SourceDirectory, "pipe"));
        string config = setup.WriteConfig(["pipe", "hf-token"], TimeSpan.FromSeconds(1));

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(20), "the regular secret delivered");
        await sidecar.WaitForLogAsync("is a FIFO (named pipe)", TimeSpan.FromSeconds(20));
        Assert.Contains(sidecar.StdoutLines, l => l.Contains("pipe", StringComparison.Ordinal) && l.Contains(fifo, StringComparison.Ordinal) && l.Contains("not a regular file", StringComparison.Ordinal));

        // Still refreshing: a rotation of the regular secret arrives while the FIFO stays refused.
        setup.SetSource("hf-token", "hf_rotated");
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_rotated", TimeSpan.FromSeconds(10), "the rotation delivered");

        var stopping = Stopwatch.StartNew();
        sidecar.Signal(Posix.SigTerm);
        int exitCode = await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15));
        output.WriteLine($"exit {exitCode} after {stopping.ElapsedMilliseconds} ms");

        Assert.Equal(0, exitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stop took {stopping.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Check_with_a_FIFO_as_the_backend_path_finishes_with_exit_1_and_says_what_is_there()
    {
        using var setup = new LocalSidecarSetup();
        string fifo = Fifo.Make(Path.Combine(setup.SourceDirectory, "secrets.json"));
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), backendPath: fifo);

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));
        output.WriteLine(stdout + stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains(stdout.Split('\n'), r => r.Contains("hf-token", StringComparison.Ordinal) && r.Contains("is a FIFO (named pipe)", StringComparison.Ordinal));
    }
}
