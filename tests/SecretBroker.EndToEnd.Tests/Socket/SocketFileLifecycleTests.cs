using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>The socket file: configured mode, a crashed run's stale socket replaced, removed on a clean stop.</summary>
public sealed class SocketFileLifecycleTests
{
    [Fact]
    public async Task The_socket_gets_its_mode_survives_a_crash_leftover_and_is_removed_on_a_clean_stop()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}");

        await using (var crashed = SidecarProcess.Start(["run", "--config", config]))
        {
            await crashed.WaitForLogAsync("\"EventId\":4000", TimeSpan.FromSeconds(20));
            Assert.Equal((UnixFileMode)Convert.ToInt32("660", 8), File.GetUnixFileMode(socket));
            crashed.Signal(Posix.SigKill);
            await crashed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.True(File.Exists(socket), "a killed sidecar leaves its socket file behind");

        await using var restarted = SidecarProcess.Start(["run", "--config", config]);
        await restarted.WaitForLogAsync("\"EventId\":4002", TimeSpan.FromSeconds(20));
        await restarted.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        Assert.Equal("hf_value", (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Body);
        Assert.Equal((UnixFileMode)Convert.ToInt32("660", 8), File.GetUnixFileMode(socket));

        restarted.Signal(Posix.SigTerm);
        Assert.Equal(0, await restarted.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(socket), "a clean stop removes the socket file");
    }

    [Fact]
    public async Task A_path_that_is_not_a_socket_is_refused_and_left_alone()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        File.WriteAllText(socket, "not a socket");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}");

        var (exitCode, _, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(20));

        Assert.Equal(2, exitCode);
        Assert.Contains("is not a socket", stderr, StringComparison.Ordinal);
        Assert.Equal("not a socket", File.ReadAllText(socket));
    }
}
