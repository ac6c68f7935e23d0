using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// A planted secret value must never leave the output directory: not in stdout/stderr of run or check (also when
/// refreshes fail around it), and not in any file the process could write elsewhere.
/// </summary>
public sealed class CanaryTests
{
    [Fact]
    public async Task A_planted_value_never_appears_in_logs_check_output_or_files_outside_the_output_directory()
    {
        var canary = $"CANARY-{Guid.NewGuid():N}";
        var rotatedCanary = $"CANARY-{Guid.NewGuid():N}";
        using var setup = new LocalSidecarSetup();
        using var sandbox = TempDirectory.OnDisk(); // cwd, HOME and TMPDIR of the process: a persistent disk
        var started = DateTime.UtcNow;
        setup.SetSource("hf-token", canary);
        // A JSON secret whose key extraction fails: the error path must not echo the document.
        setup.SetSource("broken-json", $"{{\"other\":\"{canary}\"");
        var config = setup.WriteConfig(["hf-token", "broken-json"], TimeSpan.FromMilliseconds(500));
        File.WriteAllText(config, File.ReadAllText(config).Replace("    id: broken-json", "    id: broken-json\n    key: token\n    required: false", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = sandbox.Path,
            ["TMPDIR"] = sandbox.Path,
            ["SECRETBROKER_LOG_LEVEL"] = "Trace", // the most verbose logging must still hold no value
        };

        var check = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30), sandbox.Path, environment);
        string runOutput;
        await using (var sidecar = SidecarProcess.Start(["run", "--config", config], sandbox.Path, environment))
        {
            await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == canary, TimeSpan.FromSeconds(20), "the canary delivered");
            setup.SetSource("hf-token", rotatedCanary);
            await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == rotatedCanary, TimeSpan.FromSeconds(10), "the rotated canary delivered");
            sidecar.Signal(Posix.SigTerm);
            Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            runOutput = sidecar.StandardOutput + "\n" + sidecar.StandardError;
        }

        Assert.Equal(1, check.ExitCode); // broken-json fails, and says so
        foreach (var (what, text) in new[] { ("check stdout", check.Stdout), ("check stderr", check.Stderr), ("run output", runOutput) })
        {
            Assert.DoesNotContain(canary, text, StringComparison.Ordinal);
            Assert.DoesNotContain(rotatedCanary, text, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(text) && what == "run output", "run printed nothing: the scan would be meaningless");
        }

        var leaks = FilesContaining([canary, rotatedCanary], [sandbox.Path, Path.GetTempPath(), "/tmp", "/dev/shm"], started)
            .Where(f => !f.StartsWith(setup.OutputDirectory, StringComparison.Ordinal) && !f.StartsWith(setup.SourceDirectory, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(leaks);
    }

    private static IEnumerable<string> FilesContaining(string[] needles, string[] roots, DateTime since)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var root in roots.Distinct().Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", options))
            {
                FileInfo info;
                try
                {
                    info = new FileInfo(file);
                    // Length 0 also skips FIFOs (every .NET process leaves clr-debug-pipe-* FIFOs in /tmp, and one
                    // killed or running elsewhere would block File.ReadAllText forever); an empty file holds no canary.
                    if (info.LastWriteTimeUtc < since.AddSeconds(-2) || info.Length == 0 || info.Length > 16 * 1024 * 1024)
                    {
                        continue;
                    }
                }
                catch (IOException)
                {
                    continue;
                }

                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                if (needles.Any(n => text.Contains(n, StringComparison.Ordinal)))
                {
                    yield return file;
                }
            }
        }
    }
}
