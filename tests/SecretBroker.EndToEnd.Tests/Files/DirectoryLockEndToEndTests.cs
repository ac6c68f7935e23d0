using System.Globalization;

using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Files;

/// <summary>Issue #8, item 11 (files): one sidecar per output directory, and a kill -9 never leaves it locked.</summary>
public sealed class DirectoryLockEndToEndTests
{
    [Fact]
    public async Task A_second_sidecar_on_the_same_directory_exits_2_naming_the_first_and_a_restart_after_kill_9_works()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_first");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromMilliseconds(300));

        await using var first = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_first", TimeSpan.FromSeconds(30), "the first sidecar's delivery");
        string[] entries = Entries(setup.OutputDirectory);

        await using var second = SidecarProcess.Start(["run", "--config", config]);
        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("pid " + first.Pid.ToString(CultureInfo.InvariantCulture), second.StandardError, StringComparison.Ordinal);
        Assert.Equal(entries, Entries(setup.OutputDirectory));
        Assert.False(first.HasExited);

        first.KillHard();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        setup.SetSource("hf-token", "hf_after_restart");

        await using var restarted = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_after_restart", TimeSpan.FromSeconds(30), "the restarted sidecar's delivery");
        Assert.False(restarted.HasExited);
    }

    [Fact]
    public async Task A_second_sidecar_refused_on_the_directory_lock_binds_no_socket()
    {
        using var setup = new LocalSidecarSetup();
        using var sockets = TempDirectory.OnTmpfs();
        setup.SetSource("hf-token", "hf_first");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromMilliseconds(300));
        string secondSocket = Path.Combine(sockets.Path, "second.sock");
        string secondConfig = Path.Combine(sockets.Path, "second.yaml");
        File.WriteAllText(secondConfig, File.ReadAllText(config) + $"  socket:\n    path: {secondSocket}\n");

        await using var first = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_first", TimeSpan.FromSeconds(30), "the first sidecar's delivery");

        await using var second = SidecarProcess.Start(["run", "--config", secondConfig]);
        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("pid " + first.Pid.ToString(CultureInfo.InvariantCulture), second.StandardError, StringComparison.Ordinal);

        // The directory is locked before the socket output starts: nothing was bound, nothing is left behind.
        Assert.False(Path.Exists(secondSocket), "the refused sidecar left a socket behind");
        Assert.DoesNotContain(second.StdoutLines, l => l.Contains("\"EventId\":4000,", StringComparison.Ordinal));

        // A refusal is the user's to fix, reported once in our words: no host "failed to start" line, no stack trace.
        Assert.DoesNotContain(" at SecretBroker.", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(second.StdoutLines, l => l.Contains("\"Category\":\"Microsoft.Extensions.Hosting", StringComparison.Ordinal));
    }

    private static string[] Entries(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
