using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class StaleValueTests
{
    [Fact]
    public async Task When_the_backend_fails_the_last_good_value_is_served_and_marked_stale()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        api.DeleteSource("hf-token");
        await api.Engine.RefreshAsync("hf-token", CancellationToken.None);
        Assert.True(api.Engine.Current.Secrets["hf-token"].Stale);

        HttpContext raw = await api.SendAsync("/v1/secrets/hf-token");
        string list = SocketApiFixture.Body(await api.SendAsync("/v1/secrets"));

        Assert.Equal(200, raw.Response.StatusCode);
        Assert.Equal("hf_value_one", SocketApiFixture.Body(raw));
        Assert.Equal("true", raw.Response.Headers[SocketResponses.StaleHeader]);
        using JsonDocument items = JsonDocument.Parse(list);
        Assert.True(items.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "hf-token").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task A_fresh_value_has_no_stale_header()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext raw = await api.SendAsync("/v1/secrets/hf-token");

        Assert.False(raw.Response.Headers.ContainsKey(SocketResponses.StaleHeader));
    }
}
