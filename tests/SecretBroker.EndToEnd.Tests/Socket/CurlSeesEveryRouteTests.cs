using System.Text.Json;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>(a) curl, an independent client, gets every route's answer and status code from the real sidecar.</summary>
public sealed class CurlSeesEveryRouteTests(SocketSidecarFixture sidecar) : IClassFixture<SocketSidecarFixture>
{
    [Fact]
    public async Task Healthz_is_200_and_readyz_is_503_while_a_required_secret_is_missing()
    {
        Assert.Equal(200, (await Curl.GetAsync(sidecar.SocketPath, "/healthz")).Status);
        Assert.Equal(503, (await Curl.GetAsync(sidecar.SocketPath, "/readyz")).Status);
    }

    [Fact]
    public async Task The_list_is_a_json_array_of_metadata_without_values()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        using var list = JsonDocument.Parse(response.Body);
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("hf-token", item.GetProperty("name").GetString());
        Assert.False(item.GetProperty("stale").GetBoolean());
        Assert.True(item.TryGetProperty("version", out _));
        Assert.True(item.TryGetProperty("updatedAt", out _));
        Assert.DoesNotContain(SocketSidecarFixture.Value, response.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_is_its_raw_bytes_with_the_version_as_etag()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/octet-stream", response.Header("Content-Type"));
        Assert.Equal(SocketSidecarFixture.Value, response.Body);
        Assert.Matches("^\"[^\"]+\"$", response.Header("ETag"));
        Assert.Null(response.Header("SecretBroker-Stale"));
    }

    [Fact]
    public async Task With_accept_json_a_secret_is_a_json_object_with_its_value()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token", "-H", "Accept: application/json");

        Assert.Equal(200, response.Status);
        using var secret = JsonDocument.Parse(response.Body);
        Assert.Equal(SocketSidecarFixture.Value, secret.RootElement.GetProperty("value").GetString());
        Assert.Equal(response.Header("ETag"), "\"" + secret.RootElement.GetProperty("version").GetString() + "\"");
    }

    [Fact]
    public async Task The_current_etag_in_if_none_match_gets_304()
    {
        var etag = (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token")).Header("ETag")!;

        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token", "-H", "If-None-Match: " + etag);

        Assert.Equal(304, response.Status);
        Assert.Equal(string.Empty, response.Body);
    }

    [Theory]
    [InlineData("/v1/secrets/nope", 404)]
    [InlineData("/v1/secrets/absent", 503)]
    [InlineData("/v1/secrets/hf-token?wait=abc", 400)]
    [InlineData("/nothing-here", 404)]
    public async Task Errors_are_problem_json_with_their_status(string path, int status)
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, path);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("type", out _));
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
        Assert.True(problem.RootElement.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task A_secret_not_loaded_yet_says_when_to_retry() =>
        Assert.Equal("1", (await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/absent")).Header("Retry-After"));

    [Fact]
    public async Task Post_gets_405_with_allow_get()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token", "-X", "POST");

        Assert.Equal(405, response.Status);
        Assert.Equal("GET", response.Header("Allow"));
    }

    [Fact]
    public async Task A_request_body_is_refused_with_4xx()
    {
        var response = await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token", "-X", "GET", "--data", "x=1");

        Assert.InRange(response.Status, 400, 413);
        Assert.DoesNotContain(SocketSidecarFixture.Value, response.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_uid_gets_403_and_leaves_a_denied_line_in_the_log()
    {
        // (b) The socket is 0666 here, so uid 65534 connects; SO_PEERCRED is what refuses it.
        var response = await Curl.GetAsNobodyAsync(sidecar.SocketPath, "/v1/secrets/hf-token");

        Assert.Equal(403, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.DoesNotContain(SocketSidecarFixture.Value, response.Raw, StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            () => sidecar.Sidecar.StdoutLines.Any(l => l.Contains("\"EventId\":4012", StringComparison.Ordinal) && l.Contains("\"PeerUid\":65534", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5),
            "an AccessDenied (4012) line for uid 65534");
        Assert.Equal(403, (await Curl.GetAsNobodyAsync(sidecar.SocketPath, "/v1/secrets")).Status);
    }

    [Fact]
    public async Task A_read_leaves_an_audit_line_with_the_peer_and_never_the_value()
    {
        await Curl.GetAsync(sidecar.SocketPath, "/v1/secrets/hf-token");

        await Eventually.HoldsAsync(
            () => sidecar.Sidecar.StdoutLines.Any(l => l.Contains("\"EventId\":4010", StringComparison.Ordinal) && l.Contains("\"SecretName\":\"hf-token\"", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5),
            "a SecretRead (4010) line");
        Assert.DoesNotContain(SocketSidecarFixture.Value, sidecar.Sidecar.StandardOutput, StringComparison.Ordinal);
    }
}
