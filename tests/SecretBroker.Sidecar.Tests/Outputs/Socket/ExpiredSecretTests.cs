using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecretBroker.Testing;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>
/// A secret the engine withdrew because its lease ended: <c>503</c> <c>lease-ended</c> (never the dead value), absent
/// from the list, <c>/readyz</c> not ready, and a long poll is not answered with it.
/// </summary>
public class ExpiredSecretTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_read_of_a_withdrawn_secret_answers_503_saying_its_lease_ended_and_readyz_is_not_ready()
    {
        LeasedTestBackendSetup setup = await ExpireAsync();
        await using SocketApiFixture api = setup.Api;

        HttpContext raw = await api.SendAsync("/v1/secrets/hf-token");
        HttpContext json = await api.SendAsync("/v1/secrets/hf-token", configure: r => r.Headers.Accept = "application/json");
        HttpContext ready = await api.SendAsync("/readyz");
        string list = SocketApiFixture.Body(await api.SendAsync("/v1/secrets"));

        Assert.Equal(503, raw.Response.StatusCode);
        Assert.Equal("1", raw.Response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", raw.Response.ContentType);
        string body = SocketApiFixture.Body(raw);
        using (JsonDocument problem = JsonDocument.Parse(body))
        {
            Assert.Equal("urn:secretbroker:problem:lease-ended", problem.RootElement.GetProperty("type").GetString());
            Assert.Contains("lease", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains((setup.IssuedAt + Lifetime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(setup.Backend.Value, body, StringComparison.Ordinal);
        Assert.Equal(503, json.Response.StatusCode);
        Assert.DoesNotContain(setup.Backend.Value, SocketApiFixture.Body(json), StringComparison.Ordinal);
        Assert.Equal(503, ready.Response.StatusCode);
        using JsonDocument items = JsonDocument.Parse(list);
        Assert.DoesNotContain(items.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == "hf-token");
    }

    [Fact]
    public async Task A_secret_not_loaded_yet_still_answers_not_loaded()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext absent = await api.SendAsync("/v1/secrets/absent");

        using JsonDocument problem = JsonDocument.Parse(SocketApiFixture.Body(absent));
        Assert.Equal(503, absent.Response.StatusCode);
        Assert.Equal("urn:secretbroker:problem:not-loaded", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_long_poll_holding_a_version_of_a_withdrawn_secret_answers_503_lease_ended_at_once()
    {
        LeasedTestBackendSetup setup = await ExpireAsync();
        await using SocketApiFixture api = setup.Api;
        DefaultHttpContext context = SocketApiFixture.Request("/v1/secrets/hf-token?wait=30");
        context.Request.Headers.IfNoneMatch = "\"v1\"";

        await api.Handler.HandleAsync(context).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(503, context.Response.StatusCode);
        string body = SocketApiFixture.Body(context);
        Assert.Contains("urn:secretbroker:problem:lease-ended", body, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Backend.Value, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_poll_waiting_when_the_lease_ends_is_answered_503_lease_ended_not_with_the_dead_value()
    {
        LeasedTestBackendSetup setup = await ExpireAsync(untilLeaseEnd: false);
        await using SocketApiFixture api = setup.Api;
        DefaultHttpContext context = SocketApiFixture.Request("/v1/secrets/hf-token?wait=300");
        context.Request.Headers.IfNoneMatch = "\"v1\"";

        Task poll = api.Handler.HandleAsync(context);
        Assert.False(poll.IsCompleted);
        setup.Clock.SetUtcNow(setup.IssuedAt + Lifetime);
        await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(503, context.Response.StatusCode);
        string body = SocketApiFixture.Body(context);
        Assert.Contains("urn:secretbroker:problem:lease-ended", body, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Backend.Value, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_poll_waiting_on_a_withdrawn_secret_gets_the_next_live_value()
    {
        LeasedTestBackendSetup setup = await ExpireAsync();
        await using SocketApiFixture api = setup.Api;
        DefaultHttpContext context = SocketApiFixture.Request("/v1/secrets/hf-token?wait=300");

        Task poll = api.Handler.HandleAsync(context);
        Assert.False(poll.IsCompleted);
        setup.Backend.Refusing = false;
        setup.Backend.Value = "hf_LiveAgainToken";
        setup.Backend.Version = "v2";
        await api.Engine.RefreshAsync("hf-token", CancellationToken.None);
        await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("hf_LiveAgainToken", SocketApiFixture.Body(context));
    }

    /// <summary>A started engine whose leased token (60 s) ran out while the backend refused: withdrawn at the lease end.</summary>
    private static async Task<LeasedTestBackendSetup> ExpireAsync(bool untilLeaseEnd = true)
    {
        LeasedTestBackend backend = new(Lifetime);
        TestClock clock = new();
        SocketApiFixture api = new(backend: backend, clock: clock);
        await api.Engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();
        Assert.True(api.Engine.Current.TryGet("hf-token", out _));
        backend.Refusing = true;

        // The refetch at two thirds of the lease is refused: served stale; then the lease ends (the loop wakes for it).
        // Each step waits for the loop to sleep (its timer beside the two audit windows), so no move of the clock is missed.
        await clock.WaitForPendingTimerAsync(3);
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        await WaitForAsync(api.Engine, static g => g.TryGet("hf-token", out SecretEntry? e) && e.Stale);
        await clock.WaitForPendingTimerAsync(3);
        clock.SetUtcNow(issuedAt + Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.True(api.Engine.Current.TryGet("hf-token", out _));
        if (untilLeaseEnd)
        {
            clock.SetUtcNow(issuedAt + Lifetime);
            await WaitForAsync(api.Engine, static g => g.Expired.ContainsKey("hf-token"));
        }

        return new LeasedTestBackendSetup(api, backend, clock, issuedAt);
    }

    private static async Task WaitForAsync(SecretRefreshEngine engine, Func<SecretGeneration, bool> condition)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        SecretGeneration generation = engine.Current;
        while (!condition(generation))
        {
            generation = await engine.WaitForGenerationAsync(generation.Number, safety.Token);
        }
    }

    private sealed record LeasedTestBackendSetup(SocketApiFixture Api, LeasedTestBackend Backend, TestClock Clock, DateTimeOffset IssuedAt);
}
