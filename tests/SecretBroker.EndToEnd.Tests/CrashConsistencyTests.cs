using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// kill -9 at random moments while secrets rotate: an independent reader never sees a partial file or a mix of
/// generations, and every restart recovers the directory.
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    private const int Kills = 100;
    private static readonly string[] Names = ["alpha", "beta", "gamma"];

    [Fact]
    public async Task Readers_never_see_a_partial_file_or_a_mixed_generation_across_100_hard_kills()
    {
        using var setup = new LocalSidecarSetup();
        var sourceFile = Path.Combine(setup.SourceDirectory, "secrets.json");
        var rotation = 0;
        WriteRotation(sourceFile, rotation);
        var config = setup.WriteConfig(Names, TimeSpan.FromMilliseconds(100), backendPath: sourceFile);

        using var rotatorStop = new CancellationTokenSource();
        var rotator = Task.Run(async () =>
        {
            // The backend changes every few milliseconds; each change rewrites all three secrets at once.
            while (!rotatorStop.IsCancellationRequested)
            {
                WriteRotation(sourceFile, Interlocked.Increment(ref rotation));
                await Task.Delay(3);
            }
        });

        var stopFile = Path.Combine(setup.SourceDirectory, "stop-reader");
        using var reader = StartReader(setup.OutputDirectory, stopFile);
        try
        {
            await KillLoopAsync(setup, config, reader, stopFile, () => Volatile.Read(ref rotation), rotatorStop, rotator);
        }
        finally
        {
            // A failed assertion must not leave the reader spinning after the test.
            if (!reader.HasExited)
            {
                reader.Kill();
            }
        }
    }

    private async Task KillLoopAsync(LocalSidecarSetup setup, string config, Process reader, string stopFile, Func<int> rotation, CancellationTokenSource rotatorStop, Task rotator)
    {
        var random = new Random(20261123);
        var sidecarRuns = Stopwatch.StartNew();
        var debrisCleaned = 0; // restarts that found a half-done write of the killed run (EventId 2002, LeftoverRemoved)
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
            await Task.Delay(random.Next(50, 700)); // a random moment in the process's life: startup, load or a write
            Assert.False(sidecar.HasExited, $"the sidecar exited on its own before kill {kill}:\n{sidecar.StandardOutput}\n{sidecar.StandardError}");
            sidecar.KillHard();
            await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10));
            debrisCleaned += sidecar.StdoutLines.Any(l => l.Contains("\"EventId\":2002", StringComparison.Ordinal)) ? 1 : 0;
        }

        var killPhase = sidecarRuns.Elapsed;
        await rotatorStop.CancelAsync();
        await rotator;
        var finalRotation = rotation();

        // One last clean run must converge on the final values and leave a tidy directory.
        await using (var last = SidecarProcess.Start(["run", "--config", config]))
        {
            await Eventually.HoldsAsync(() => Names.All(n => setup.ReadOutput(n) == Value(n, finalRotation)), TimeSpan.FromSeconds(20), "the final rotation delivered");
            last.Signal(Posix.SigTerm);
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        // Tidy after a clean stop: only ..data, the generation it points to, the three links, the directory's lock file
        // (it stays by design) and the version key (it keeps versions stable across restarts) — the killed runs' debris
        // went at startup; replaced generations kept for readers go at the latest when the writer stops.
        string[] entries = [.. Directory.GetFileSystemEntries(setup.OutputDirectory).Select(e => Path.GetFileName(e)!).Where(n => n != "..version-key").Order(StringComparer.Ordinal)];
        Assert.True(entries.Length == 6, $"a tidy output directory, not [{string.Join(", ", entries)}]");
        Assert.Equal(["..data", "..lock", "alpha", "beta", "gamma"], entries.Where(e => !e.StartsWith("..2", StringComparison.Ordinal)));
        Assert.All(Names, n => Assert.Equal(Value(n, finalRotation), setup.ReadOutput(n)));

        await File.WriteAllTextAsync(stopFile, "stop");
        Assert.True(reader.WaitForExit(TimeSpan.FromSeconds(30)), "the reader did not stop");
        var report = await reader.StandardOutput.ReadToEndAsync();
        var errors = await reader.StandardError.ReadToEndAsync();
        Assert.True(reader.ExitCode == 0, $"reader failed: {errors}");
        using var counts = JsonDocument.Parse(report);
        var root = counts.RootElement;
        output.WriteLine($"kills={Kills} restarts-that-cleaned-debris={debrisCleaned} rotations={finalRotation} kill-phase={killPhase.TotalSeconds:0.0}s reader={report}");

        Assert.Equal(0, root.GetProperty("partial").GetInt32());
        Assert.Equal(0, root.GetProperty("mixed").GetInt32());
        Assert.Equal(0, root.GetProperty("missing").GetInt32());
        Assert.True(root.GetProperty("reads").GetInt32() > 1000, $"the reader read too little to mean anything: {report}");
        Assert.True(root.GetProperty("set_reads").GetInt32() > 1000, $"the reader read too few generations: {report}");
    }

    private static Process StartReader(string outputDirectory, string stopFile)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tools", "consistency_reader.py"));
        info.ArgumentList.Add(outputDirectory);
        info.ArgumentList.Add(stopFile);
        info.ArgumentList.Add(string.Join(',', Names));
        return Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
    }

    private static void WriteRotation(string sourceFile, int rotation)
    {
        var json = JsonSerializer.Serialize(Names.ToDictionary(n => n, n => Value(n, rotation)));
        LocalSidecarSetup.WriteAtomically(sourceFile, json);
    }

    /// <summary>A value that is recognisably complete (fixed shape, both ends) and tied to its rotation.</summary>
    private static string Value(string name, int rotation)
    {
        var n = rotation.ToString("D8", CultureInfo.InvariantCulture);
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(name + n));
        var pad = new StringBuilder(4096);
        while (pad.Length < 4096)
        {
            seed = SHA256.HashData(seed);
            pad.Append(Convert.ToHexStringLower(seed));
        }

        return $"{name}|{n}|{pad.ToString(0, 4096)}|{n}|end";
    }
}
