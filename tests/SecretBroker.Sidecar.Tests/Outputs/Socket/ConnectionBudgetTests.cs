using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>
/// Long polls draw from their own budget: connections waiting in one leave the plain budget free, a long poll over
/// the watcher cap gets 429 alone, and health and readiness are answered even over capacity.
/// </summary>
public class ConnectionBudgetTests
{
    [Fact]
    public async Task Connections_in_long_polls_do_not_count_against_plain_reads()
    {
        await using SocketApiFixture api = new(maxConnections: 1);
        await api.LoadAsync();
        List<(DefaultHttpContext Context, Task Poll)> polls = [];
        for (int i = 0; i < 3; i++)
        {
            api.Budget.ConnectionOpened();
            DefaultHttpContext context = Conditional(api, "/v1/secrets/hf-token?wait=300");
            polls.Add((context, api.Handler.HandleAsync(context)));
        }

        api.Budget.ConnectionOpened(); // the plain read's own connection
        HttpContext read = await api.SendAsync("/v1/secrets/hf-token");

        Assert.Equal(200, read.Response.StatusCode);
        Assert.All(polls, p => Assert.False(p.Poll.IsCompleted));
        api.Stop();
        await Task.WhenAll(polls.Select(p => p.Poll)).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_long_poll_beyond_the_watcher_cap_gets_429_and_the_others_keep_waiting()
    {
        await using SocketApiFixture api = new(maxWatchers: 2);
        await api.LoadAsync();
        Task first = api.Handler.HandleAsync(Conditional(api, "/v1/secrets/hf-token?wait=300"));
        Task second = api.Handler.HandleAsync(Conditional(api, "/v1/secrets/hf-token?wait=300"));
        DefaultHttpContext third = Conditional(api, "/v1/secrets/hf-token?wait=300");

        await api.Handler.HandleAsync(third).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(429, third.Response.StatusCode);
        Assert.Equal("close", third.Response.Headers.Connection);
        Assert.Contains("too-many-watchers", SocketApiFixture.Body(third), StringComparison.Ordinal);
        Assert.False(first.IsCompleted || second.IsCompleted);
        Assert.Equal(200, (await api.SendAsync("/v1/secrets/hf-token")).Response.StatusCode);
        api.Stop();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("/healthz", 200)]
    [InlineData("/readyz", 200)]
    public async Task Health_and_readiness_are_answered_over_capacity_and_then_close(string path, int status)
    {
        await using SocketApiFixture api = new(maxConnections: 1);
        await api.LoadAsync();
        api.Budget.ConnectionOpened();
        api.Budget.ConnectionOpened();

        HttpContext probe = await api.SendAsync(path);

        Assert.Equal(status, probe.Response.StatusCode);
        Assert.Equal("close", probe.Response.Headers.Connection);
        Assert.Equal(429, (await api.SendAsync("/v1/secrets/hf-token")).Response.StatusCode);
    }

    [Fact]
    public async Task A_flood_of_requests_over_capacity_logs_one_line_per_ten_seconds_with_a_count()
    {
        await using SocketApiFixture api = new(maxConnections: 1);
        await api.LoadAsync();
        api.Budget.ConnectionOpened();
        api.Budget.ConnectionOpened();

        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(429, (await api.SendAsync("/v1/secrets/hf-token")).Response.StatusCode);
        }

        Assert.Single(api.Logs.Entries, e => e.EventId.Id == 4020);
        api.Clock.Advance(TimeSpan.FromSeconds(10));
        await api.SendAsync("/v1/secrets/hf-token");

        var lines = api.Logs.Entries.Where(e => e.EventId.Id == 4020).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("answered 429 to 1000 requests", lines[1].Message, StringComparison.Ordinal);
    }

    private static DefaultHttpContext Conditional(SocketApiFixture api, string url)
    {
        DefaultHttpContext context = SocketApiFixture.Request(url);
        context.Request.Headers.IfNoneMatch = ConditionalRequest.ETag(api.Engine.Current.Secrets["hf-token"].Version);
        return context;
    }
}
