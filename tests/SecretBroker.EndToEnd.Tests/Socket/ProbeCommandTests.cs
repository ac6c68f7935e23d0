using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>
/// <c>secretbroker probe ready|live</c> against the real sidecar: silent with exit 0 when ready/live, exit 1 with one
/// plain line when not (or unreachable), exit 2 for usage.
/// </summary>
public sealed class ProbeCommandTests(SocketSidecarFixture sidecar) : IClassFixture<SocketSidecarFixture>
{
    [Fact]
    public async Task Live_is_silent_with_exit_0()
    {
        var live = await SidecarCli.RunAsync(["probe", "live", "--socket", sidecar.SocketPath]);

        Assert.Equal(0, live.ExitCode);
        Assert.Empty(live.Stdout);
        Assert.Empty(live.Stderr);
    }

    [Fact]
    public async Task Ready_exits_1_while_a_required_secret_is_missing()
    {
        // The fixture's 'absent' is required and missing from the backend.
        var ready = await SidecarCli.RunAsync(["probe", "ready"], new() { ["SECRETBROKER_SOCKET"] = sidecar.SocketPath });

        Assert.Equal(1, ready.ExitCode);
        Assert.Empty(ready.Stdout);
        Assert.Equal($"secretbroker probe: not ready at {sidecar.SocketPath} (required secrets not loaded yet)\n", ready.Stderr);
    }

    [Fact]
    public async Task Live_and_ready_differ_while_a_required_secret_is_missing()
    {
        // A startupProbe on `ready` holds the app containers back; a livenessProbe on `live` does not restart the sidecar.
        var live = await SidecarCli.RunAsync(["probe", "live", "--socket", sidecar.SocketPath]);
        var ready = await SidecarCli.RunAsync(["probe", "ready", "--socket", sidecar.SocketPath]);

        Assert.Equal((0, 1), (live.ExitCode, ready.ExitCode));
        Assert.Empty(live.Stderr);
        Assert.Single(ready.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Ready_is_silent_with_exit_0_once_everything_is_loaded()
    {
        await using var started = await SocketSidecar.StartAsync("v");
        var process = started.Process;
        var setup = started.Setup;
        var socket = started.Socket;

        var ready = await SidecarCli.RunAsync(["probe", "ready", "--socket", socket]);

        Assert.Equal(0, ready.ExitCode);
        Assert.Empty(ready.Stdout);
        Assert.Empty(ready.Stderr);
    }

    [Fact]
    public async Task No_sidecar_and_a_stopped_one_are_named_in_plain_words()
    {
        using var run = TempDirectory.OnTmpfs();
        var missing = await SidecarCli.RunAsync(["probe", "live", "--socket", run.Combine("none.sock")]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Empty(missing.Stdout);
        Assert.Contains("there is no socket at", Assert.Single(missing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        // A socket file nobody listens on: what a killed sidecar leaves behind.
        var stale = run.Combine("stale.sock");
        // (.NET would unlink the file when its socket closes; python leaves it, as a killed process does.)
        using (var python = System.Diagnostics.Process.Start("python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", stale])!)
        {
            await python.WaitForExitAsync();
            Assert.Equal(0, python.ExitCode);
        }

        var stopped = await SidecarCli.RunAsync(["probe", "live", "--socket", stale]);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("nothing is listening on", Assert.Single(stopped.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        var get = await SidecarCli.RunAsync(["get", "x", "--socket", stale]);
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("nothing is listening on", get.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("probe")]
    [InlineData("probe", "started")]
    [InlineData("probe", "live", "--socket-uid", "root")]
    public async Task Usage_errors_exit_2(params string[] arguments)
    {
        var usage = await SidecarCli.RunAsync([.. arguments, "--socket", sidecar.SocketPath]);

        Assert.Equal(2, usage.ExitCode);
    }
}
