using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// <c>check</c> refuses what <c>run</c> refuses, in the same words, before anything starts; and <c>run</c>'s refusal is
/// our message on stderr, not the host's stack trace on stdout.
/// </summary>
public sealed class CheckAgreesWithRunTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/etc")]
    [InlineData("/proc/self")]
    [InlineData(null)]
    public async Task An_output_directory_not_on_tmpfs_fails_check_and_run_alike_with_no_stack_trace(string? outputDir)
    {
        using var setup = new LocalSidecarSetup();
        using var disk = TempDirectory.OnDisk();
        var dir = outputDir ?? disk.Combine("secrets");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));
        File.WriteAllText(config, File.ReadAllText(config).Replace(setup.OutputDirectory, dir, StringComparison.Ordinal));
        var dirLine = Array.FindIndex(File.ReadAllLines(config), l => l.TrimStart().StartsWith("dir:", StringComparison.Ordinal)) + 1;

        var check = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));
        var run = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(30));

        var problem = $"{config}:{dirLine}: outputs.files.dir: '{dir}' is not on tmpfs";
        Assert.Equal(2, check.ExitCode);
        Assert.Contains(problem, check.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(check.Stderr.Replace("secretbroker check:", "secretbroker run:", StringComparison.Ordinal), run.Stderr);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Empty(check.Stdout);
        Assert.Empty(run.Stdout);
        Assert.False(File.Exists(disk.Combine("secrets", "hf-token")));
    }
}
