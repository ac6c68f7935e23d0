using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class RequestValidationTests
{
    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    [InlineData("get")] // methods are case-sensitive (RFC 9110 9.1)
    [InlineData("Get")]
    public async Task Methods_other_than_GET_get_405_with_an_allow_header(string method)
    {
        await using SocketApiFixture api = new();

        HttpContext response = await api.SendAsync("/v1/secrets/hf-token", method: method);

        Assert.Equal(405, response.Response.StatusCode);
        Assert.Equal("GET", response.Response.Headers.Allow);
        Assert.Equal(SocketResponses.ProblemContentType, response.Response.ContentType);
    }

    [Fact]
    public async Task A_request_body_gets_413_and_the_connection_is_closed()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext response = await api.SendAsync("/v1/secrets/hf-token", configure: r => r.ContentLength = 5);

        Assert.Equal(413, response.Response.StatusCode);
        Assert.Equal("close", response.Response.Headers.Connection);
        Assert.DoesNotContain("hf_value", SocketApiFixture.Body(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_beyond_the_cap_gets_429_and_is_closed()
    {
        await using SocketApiFixture api = new(maxConnections: 1);
        await api.LoadAsync();
        api.Budget.ConnectionOpened();
        api.Budget.ConnectionOpened();
        DefaultHttpContext context = SocketApiFixture.Request("/v1/secrets/hf-token");

        await api.Handler.HandleAsync(context);

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection);
    }

    [Theory]
    [InlineData("/v1/secrets/hf-token?wait=301")]
    [InlineData("/v1/secrets/hf-token?wait=-1")]
    [InlineData("/v1/secrets/hf-token?wait=abc")]
    [InlineData("/v1/secrets/hf-token?wait=1&wait=2")]
    public async Task A_bad_wait_gets_a_400_problem(string url)
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext response = await api.SendAsync(url);

        Assert.Equal(400, response.Response.StatusCode);
        Assert.Contains("\"status\":400", SocketApiFixture.Body(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/secrets/nope")]
    [InlineData("/v1/secrets/..")]
    [InlineData("/v1/secrets/%2e%2e")]
    [InlineData("/v2/secrets")]
    public async Task Unknown_names_and_routes_get_404(string url)
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        Assert.Equal(404, (await api.SendAsync(url)).Response.StatusCode);
    }
}
