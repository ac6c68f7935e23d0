using System.Text;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>Beyond <c>maxConnections</c> a request gets 429 and its connection is closed; freeing a slot serves again.</summary>
public sealed class ConnectionCapTests
{
    [Fact]
    public async Task A_connection_beyond_the_cap_gets_429_and_a_freed_slot_serves_again()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}\n    maxConnections: 1");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));

        using (var holder = UnixSocketHttp.Connect(socket))
        {
            // A complete request keeps the connection open (keep-alive) and proves it is counted.
            await holder.SendAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
            var buffer = new byte[1024];
            var read = await holder.ReceiveAsync(buffer);
            Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);

            var refused = await Curl.GetAsync(socket, "/v1/secrets/hf-token");
            Assert.Equal(429, refused.Status);
            Assert.Equal("close", refused.Header("Connection"));
            Assert.DoesNotContain("hf_value", refused.Raw, StringComparison.Ordinal);
            await sidecar.WaitForLogAsync("\"EventId\":4020", TimeSpan.FromSeconds(5));
        }

        // The server notices the closed connection asynchronously: poll until the slot is free.
        CurlResponse? served = null;
        await Eventually.HoldsAsync(
            () => (served = Curl.GetAsync(socket, "/v1/secrets/hf-token").GetAwaiter().GetResult()).Status == 200,
            TimeSpan.FromSeconds(5),
            "a request served once the first connection closed");
        Assert.Equal("hf_value", served!.Body);
    }
}
