using SecretBroker.FileBackend;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>
/// A connection that sends nothing is dropped when the first-byte deadline passes on the sidecar's clock, not after
/// Kestrel's keep-alive timeout: the real server on a real socket, driven by a fake clock.
/// </summary>
public sealed class SilentConnectionTests
{
    [Fact]
    public async Task A_connection_that_sends_nothing_is_dropped_when_ten_seconds_pass_on_the_clock()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("source/hf-token", "hf_value");
        string socketPath = Path.Combine(dir.Path, "run", "broker.sock");
        SidecarSettings settings = new(
            Path.Combine(dir.Path, "secretbroker.yaml"),
            new Dictionary<string, ConfiguredBackend> { ["local"] = new ConfiguredBackend("local", FileSecretBackendType.Instance, new FileSecretBackendOptions { Path = Path.Combine(dir.Path, "source") }) },
            [new SecretDefinition("hf-token", "local", "hf-token", TimeSpan.FromMinutes(5))],
            new OutputSettings(null, new SocketOutputSettings(socketPath, (UnixFileMode)Convert.ToInt32("600", 8), null, PeerAllowList.Empty, 64)));
        FakeTimeProvider clock = new();
        using IHost host = SidecarHost.Build(settings, new SidecarHostOptions { TimeProvider = clock, JsonConsoleLogging = false });
        await host.StartAsync();
        try
        {
            using System.Net.Sockets.Socket silent = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await silent.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            clock.Advance(TimeSpan.FromSeconds(9));
            Assert.False(IsClosedByPeer(silent, TimeSpan.FromMilliseconds(200)), "dropped before the deadline");

            // The deadline's timer starts when the server takes the connection: advance until it has fired, on a
            // real-time budget far below Kestrel's own (real-clock) timeouts.
            System.Diagnostics.Stopwatch waited = System.Diagnostics.Stopwatch.StartNew();
            bool closed = false;
            while (!closed && waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                closed = IsClosedByPeer(silent, TimeSpan.FromMilliseconds(100));
            }

            Assert.True(closed, "a silent connection was still open after the deadline passed on the clock");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static bool IsClosedByPeer(System.Net.Sockets.Socket socket, TimeSpan wait) =>
        socket.Poll(wait, SelectMode.SelectRead) && socket.Available == 0;
}
