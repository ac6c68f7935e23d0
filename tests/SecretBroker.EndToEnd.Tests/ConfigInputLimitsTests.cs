using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// The real process against hostile config inputs: deep nesting, an endless device, a pipe over the size limit and a
/// FIFO nobody writes to. Each is exit 2 with a <c>FILE:LINE: problem</c> message: no crash, no hang, no unbounded read.
/// </summary>
public sealed class ConfigInputLimitsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData("secretbroker.yaml", "[")]
    [InlineData("secretbroker.yaml", "{a: ")]
    [InlineData("secretbroker.json", "{\"a\": ")]
    public async Task Nesting_40000_deep_exits_2_with_the_line_instead_of_overflowing_the_stack(string fileName, string opener)
    {
        using var dir = TempDirectory.OnTmpfs();
        var config = dir.Combine(fileName);
        File.WriteAllText(config, string.Concat(Enumerable.Repeat(opener, 40_000)));

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], Deadline);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{config}:1: nested more than 64 levels deep", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task An_endless_device_exits_2_without_reading_it()
    {
        var (exitCode, _, stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", "/dev/zero"], Deadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("/dev/zero:0: cannot read the file: it is a device, not a file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_substitution_over_the_limit_exits_2_and_one_under_it_is_read()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));

        // A valid config followed by 2 MiB of comment: accepted whole before the limit counted bytes read.
        var (bigExit, bigOutput) = await BashAsync("""exec "$0" "$1" check --config <(cat "$2"; echo; head -c 2097152 /dev/zero | tr '\0' '#')""", config);
        var (smallExit, smallOutput) = await BashAsync("""exec "$0" "$1" check --config <(cat "$2")""", config);

        Assert.Equal(2, bigExit);
        Assert.Matches(@"/dev/fd/\d+:0: cannot read the file: larger than 1024 KiB", bigOutput);
        Assert.True(smallExit == 0, smallOutput);
        Assert.Contains("hf-token", smallOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FIFO_nobody_writes_to_exits_2_after_the_pipe_deadline_instead_of_hanging()
    {
        using var dir = TempDirectory.OnTmpfs();
        var fifo = dir.Combine("config.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var (exitCode, _, stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", fifo], Deadline);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{fifo}:0: cannot read the file: it is a pipe or FIFO and no writer delivered the file within 10s", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="script"/> in bash with $0 = dotnet, $1 = the sidecar, $2 = <paramref name="argument"/>; stdout and stderr together.</summary>
    private static async Task<(int ExitCode, string Output)> BashAsync(string script, string argument)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-c", script, RepositoryPaths.DotnetHost, RepositoryPaths.SidecarDll, argument])
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SECRETBROKER_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
