using System.Net;
using System.Net.Sockets;
using System.Text;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Http;

/// <summary>
/// Issue #8 items 5 and 14 on the loopback listener: silent connections cannot starve the kubelet's probes, methods
/// are case-sensitive, and only loopback <c>Host</c> values are answered (DNS rebinding).
/// </summary>
public sealed class LoopbackHardeningTests(HttpSidecarFixture sidecar) : IClassFixture<HttpSidecarFixture>
{
    [Fact]
    public async Task Sixteen_silent_connections_do_not_make_healthz_fail()
    {
        var port = ((Uri)sidecar.Client.BaseAddress!).Port;
        var silent = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                var socket = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port);
                silent.Add(socket);
            }

            // A fresh client: a probe opens its own connection, after the silent ones.
            using var probe = new HttpClient { BaseAddress = sidecar.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using var response = await probe.GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8787")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1")]
    public async Task A_host_that_is_not_loopback_gets_421_problem(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;

        using var response = await sidecar.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8787")]
    [InlineData("[::1]")]
    public async Task Loopback_hosts_are_answered(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;

        using var response = await sidecar.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_lowercase_get_is_405()
    {
        var port = ((Uri)sidecar.Client.BaseAddress!).Port;
        using var socket = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes("get /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"));

        var buffer = new byte[1024];
        var read = await socket.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 405", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }
}
