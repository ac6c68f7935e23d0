using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>(f) Malformed and hostile requests get 4xx or are dropped, and the sidecar keeps serving everyone else.</summary>
public sealed class MalformedRequestTests(SocketSidecarFixture sidecar, ITestOutputHelper output) : IClassFixture<SocketSidecarFixture>
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("HEAD")]
    public async Task Wrong_methods_get_405(string method)
    {
        var arguments = method == "HEAD" ? new[] { "-I" } : ["-X", method];

        Assert.Equal(405, (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token", arguments)).Status);
        await AStillServesOthersAsync();
    }

    [Fact]
    public async Task A_16_KiB_header_gets_431()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token", "-H", "X-Big: " + new string('a', 16 * 1024));

        Assert.Equal(431, response.Status);
        await AStillServesOthersAsync();
    }

    [Theory]
    [InlineData("/v1/secrets/../../etc/passwd")]
    [InlineData("/v1/secrets/%2e%2e")]
    [InlineData("/v1/secrets/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/v1/secrets/..%2fhf-token")]
    [InlineData("/v1/secrets/..data")]
    [InlineData("/v1/secrets/hf-token%00")]
    public async Task Traversal_in_names_gets_4xx_and_never_a_value(string path)
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, path);

        Assert.InRange(response.Status, 400, 499);
        Assert.DoesNotContain(SocketSidecarFixture.Value, response.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("301")]
    [InlineData("1.5")]
    [InlineData("5s")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task Bad_wait_values_get_400(string wait) =>
        Assert.Equal(400, (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token?wait=" + wait)).Status);

    [Fact]
    public async Task A_half_open_connection_does_not_block_others_and_is_dropped_by_the_header_timeout()
    {
        using var stalled = UnixSocketHttp.Connect(sidecar.SocketPath);
        await stalled.SendAsync(Encoding.ASCII.GetBytes("GET /v1/secr"));

        // Served meanwhile, while the stalled request is open.
        await AStillServesOthersAsync();

        var watch = Stopwatch.StartNew();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        int read;
        var received = new StringBuilder();
        do
        {
            read = await stalled.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        while (read > 0);

        output.WriteLine($"stalled connection closed after {watch.Elapsed.TotalSeconds:0.0} s: {received.ToString().Split("\r\n")[0]}");
        Assert.True(received.Length == 0 || received.ToString().StartsWith("HTTP/1.1 4", StringComparison.Ordinal), received.ToString());
        Assert.False(sidecar.Sidecar.HasExited);
    }

    private async Task AStillServesOthersAsync()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token");
        Assert.Equal(200, response.Status);
        Assert.Equal(SocketSidecarFixture.Value, response.Body);
    }
}
