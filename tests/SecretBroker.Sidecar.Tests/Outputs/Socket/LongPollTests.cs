using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class LongPollTests
{
    [Fact]
    public async Task A_long_poll_answers_200_with_the_new_value_as_soon_as_the_version_changes()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        DefaultHttpContext context = Conditional(api, "/v1/secrets/hf-token?wait=30");

        Task poll = api.Handler.HandleAsync(context);
        Assert.False(poll.IsCompleted);
        api.SetSource("hf-token", "hf_value_two");
        await api.Engine.RefreshAsync("hf-token", CancellationToken.None);
        await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("hf_value_two", SocketApiFixture.Body(context));
    }

    [Fact]
    public async Task A_long_poll_answers_304_when_the_wait_passes_on_the_clock()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        DefaultHttpContext context = Conditional(api, "/v1/secrets/hf-token?wait=30");

        Task poll = api.Handler.HandleAsync(context);
        api.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(poll.IsCompleted);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(304, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_long_poll_is_released_with_503_when_the_sidecar_stops()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        DefaultHttpContext context = Conditional(api, "/v1/secrets/hf-token?wait=300");

        Task poll = api.Handler.HandleAsync(context);
        api.Stop();
        await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection);
    }

    [Fact]
    public async Task A_long_poll_on_a_secret_not_loaded_yet_waits_for_its_first_value()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        DefaultHttpContext context = SocketApiFixture.Request("/v1/secrets/absent?wait=30");

        Task poll = api.Handler.HandleAsync(context);
        Assert.False(poll.IsCompleted);
        api.SetSource("absent", "now_here");
        await api.Engine.RefreshAsync("absent", CancellationToken.None);
        await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("now_here", SocketApiFixture.Body(context));
    }

    private static DefaultHttpContext Conditional(SocketApiFixture api, string url)
    {
        DefaultHttpContext context = SocketApiFixture.Request(url);
        context.Request.Headers.IfNoneMatch = ConditionalRequest.ETag(api.Engine.Current.Secrets["hf-token"].Version);
        return context;
    }
}
