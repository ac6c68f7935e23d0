using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// SIGHUP (a closed terminal, or an operator expecting a reload) is ignored with one log line: the sidecar keeps
/// serving, and a later SIGTERM still stops it cleanly. Before, SIGHUP's default action ended it with 129, no stop
/// lines and the socket left behind.
/// </summary>
public sealed class SighupTests
{
    private const int SigHup = 1;

    [Fact]
    public async Task SIGHUP_is_logged_and_ignored_and_SIGTERM_still_stops_cleanly()
    {
        await using var started = await SocketSidecar.StartAsync();
        var sidecar = started.Process;
        var setup = started.Setup;
        var socket = started.Socket;

        sidecar.Signal(SigHup);
        await sidecar.WaitForLogAsync("\"EventId\":3006", TimeSpan.FromSeconds(10));

        Assert.False(sidecar.HasExited, "SIGHUP stopped the sidecar");
        Assert.Contains("SIGHUP ignored: restart the sidecar to apply a changed config", sidecar.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("hf_value", (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Body);

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("\"EventId\":3005", sidecar.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(socket), "a clean stop removes the socket file");
    }
}
