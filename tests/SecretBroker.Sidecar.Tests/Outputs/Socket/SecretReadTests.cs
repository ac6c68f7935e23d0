using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class SecretReadTests
{
    [Fact]
    public async Task A_read_returns_the_raw_bytes_with_the_version_as_etag_and_is_audited()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        string version = api.Engine.Current.Secrets["hf-token"].Version;

        HttpContext response = await api.SendAsync("/v1/secrets/hf-token");

        Assert.Equal(200, response.Response.StatusCode);
        Assert.Equal(SocketResponses.ValueContentType, response.Response.ContentType);
        Assert.Equal("\"" + version + "\"", response.Response.Headers.ETag);
        Assert.Equal("hf_value_one", SocketApiFixture.Body(response));
        Assert.Contains(api.Logs.Entries, e => e.EventId.Id == 4010 && e.Message.Contains("hf-token version " + version, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_carries_text_values_as_text_and_binary_values_as_base64()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        using JsonDocument text = JsonDocument.Parse(SocketApiFixture.Body(await api.SendAsync("/v1/secrets/hf-token", configure: AcceptJson)));
        using JsonDocument binary = JsonDocument.Parse(SocketApiFixture.Body(await api.SendAsync("/v1/secrets/blob", configure: AcceptJson)));

        Assert.Equal("hf_value_one", text.RootElement.GetProperty("value").GetString());
        Assert.False(text.RootElement.TryGetProperty("encoding", out _));
        Assert.False(text.RootElement.GetProperty("stale").GetBoolean());
        Assert.Equal(Convert.ToBase64String([0xff, 0x00, 0xfe]), binary.RootElement.GetProperty("value").GetString());
        Assert.Equal("base64", binary.RootElement.GetProperty("encoding").GetString());
    }

    [Fact]
    public async Task The_list_has_metadata_and_no_values()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        string body = SocketApiFixture.Body(await api.SendAsync("/v1/secrets"));

        using JsonDocument list = JsonDocument.Parse(body);
        Assert.Equal(["hf-token", "blob"], list.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.DoesNotContain("hf_value", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_not_loaded_yet_gets_503_with_retry_after()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext response = await api.SendAsync("/v1/secrets/absent");

        Assert.Equal(503, response.Response.StatusCode);
        Assert.Equal("1", response.Response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_without_a_body()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        string etag = ConditionalRequest.ETag(api.Engine.Current.Secrets["hf-token"].Version);

        HttpContext response = await api.SendAsync("/v1/secrets/hf-token", configure: r => r.Headers.IfNoneMatch = etag);

        Assert.Equal(304, response.Response.StatusCode);
        Assert.Empty(SocketApiFixture.Body(response));
    }

    private static void AcceptJson(HttpRequest request) => request.Headers.Accept = "application/json";
}
