using System.Net;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Http;

/// <summary>The real sidecar's loopback listener: health, readiness, Prometheus metrics, and nothing else.</summary>
public sealed class LoopbackListenerTests(HttpSidecarFixture sidecar) : IClassFixture<HttpSidecarFixture>
{
    [Fact]
    public async Task Healthz_is_200_ok_and_readyz_is_200_once_secrets_are_loaded()
    {
        using var health = await sidecar.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await sidecar.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_secret_age_and_refresh_counters()
    {
        var (response, text) = await ScrapeAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Matches(@"(?m)^secretbroker_secret_age_seconds\{secret=""hf-token""\} [0-9.eE+-]+$", text);
        Assert.Matches(@"(?m)^secretbroker_refreshes_total\{backend=""local"",outcome=""[a-z]+""\} [0-9]+$", text);
        Assert.Contains("# TYPE secretbroker_backend_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("\nsecretbroker_secrets_stale{} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE secretbroker_socket_watchers gauge", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_line_of_the_scrape_is_valid_prometheus_text()
    {
        var (_, text) = await ScrapeAsync();

        // Text format 0.0.4: HELP and TYPE comments, then samples (name, optional labels, value); nothing else.
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            Assert.Matches(
                @"^(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*" +
                @"|# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)" +
                @"|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\\n]|\\[\\""n])*""(,[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\\n]|\\[\\""n])*"")*)?\})? " +
                @"([-+]?[0-9.eE+-]+|[-+]?Inf|NaN)( -?[0-9]+)?)$",
                line);
        }
    }

    [Fact]
    public async Task A_socket_read_is_counted_by_status()
    {
        Assert.Equal(200, (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token")).Status);
        Assert.Equal(404, (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/nope")).Status);

        var (_, text) = await ScrapeAsync();

        Assert.Matches(@"(?m)^secretbroker_socket_requests_total\{status=""200""\} [1-9][0-9]*$", text);
        Assert.Matches(@"(?m)^secretbroker_socket_requests_total\{status=""404""\} [1-9][0-9]*$", text);
    }

    [Fact]
    public async Task A_waiting_long_poll_is_an_open_watcher_until_it_ends()
    {
        using var socket = UnixSocketHttp.Create(sidecar.SocketPath);
        var etag = (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token")).Header("ETag")!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost/v1/secrets/hf-token?wait=30"));
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var cancel = new CancellationTokenSource();
        var poll = socket.SendAsync(request, cancel.Token);

        await WatchersAsync("1");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        await WatchersAsync("0");
    }

    [Fact]
    public async Task The_secret_value_never_appears_in_the_metrics()
    {
        Assert.Equal(200, (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token")).Status);

        var (_, text) = await ScrapeAsync();

        Assert.DoesNotContain(sidecar.Canary, text, StringComparison.Ordinal);
        Assert.DoesNotContain(sidecar.Canary, sidecar.Sidecar.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", HttpStatusCode.NotFound)]
    [InlineData("/v1/secrets/hf-token", HttpStatusCode.NotFound)]
    [InlineData("/metrics/extra", HttpStatusCode.NotFound)]
    public async Task Other_paths_are_404_and_never_serve_secrets(string path, HttpStatusCode status)
    {
        using var response = await sidecar.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(sidecar.Canary, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_other_than_get_are_405()
    {
        using var content = new StringContent("x");
        using var response = await sidecar.Client.PostAsync(new Uri("/metrics", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", response.Content.Headers.Allow.Single());
    }

    private async Task WatchersAsync(string count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string text;
        do
        {
            (_, text) = await ScrapeAsync();
            if (text.Contains("\nsecretbroker_socket_watchers{} " + count + "\n", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail("secretbroker_socket_watchers never reached " + count + ":\n" + text);
    }

    private async Task<(HttpResponseMessage Response, string Text)> ScrapeAsync()
    {
        var response = await sidecar.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsStringAsync());
    }
}
