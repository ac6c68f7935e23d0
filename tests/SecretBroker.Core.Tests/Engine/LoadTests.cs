using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class LoadTests
{
    [Fact]
    public async Task LoadAsync_returns_outcomes_in_definition_order_with_failure_messages_and_publishes_one_generation()
    {
        var clock = new TestClock();
        var first = new FakeSecretBackend(clock, new SecretBackendCapabilities(MaxBatchSize: 10));
        var second = new FakeSecretBackend(clock);
        first.FailAlways("a", Permanent("access denied to a"));
        first.Set("c", "value-c", "c1");
        second.Set("b", "value-b", "b1");
        second.Set("d", "value-d", "d1");
        TimeSpan refresh = TimeSpan.FromMinutes(5);
        await using var engine = new SecretRefreshEngine(
            [Secret("a", refresh, "first"), Secret("b", refresh, "second"), Secret("c", refresh, "first"), Secret("d", refresh, "second")],
            new Dictionary<string, ISecretBackend> { ["first"] = first, ["second"] = second },
            Options(),
            clock);

        IReadOnlyList<SecretRefreshOutcome> outcomes = await engine.LoadAsync(CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d"], outcomes.Select(o => o.Name));
        Assert.Equal(["first", "second", "first", "second"], outcomes.Select(o => o.Backend));
        Assert.False(outcomes[0].Succeeded);
        Assert.Equal("access denied to a", outcomes[0].Error);
        Assert.Null(outcomes[0].Version);
        Assert.All(outcomes.Skip(1), o => Assert.True(o.Succeeded && o.Changed && o.Error is null));
        Assert.Equal(1, engine.Current.Number);
        Assert.Equal(["b", "c", "d"], engine.Current.Secrets.Keys.Order());
        Assert.Equal(["c", "a"], Assert.Single(first.CallsOf("fetch")).Ids.Order().Reverse());
    }

    [Fact]
    public async Task IsReady_is_false_until_every_required_secret_has_loaded()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("required", "value", "r1");
        backend.FailAlways("required", Transient());
        backend.FailAlways("optional", Transient());
        backend.Set("other", "value", "o1");
        TimeSpan refresh = TimeSpan.FromMinutes(5);
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("required", refresh), Secret("optional", refresh, required: false), Secret("other", refresh)]);
        Assert.False(engine.IsReady);

        await engine.LoadAsync(CancellationToken.None);
        Assert.False(engine.IsReady);

        backend.Heal("required");
        await engine.RefreshAsync("required", CancellationToken.None).Bounded();
        Assert.True(engine.IsReady);
        Assert.False(engine.Current.Secrets.ContainsKey("optional"));
    }

    [Fact]
    public async Task StartAsync_twice_throws_InvalidOperationException()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_whole_call_failure_fails_each_secret_of_the_batch_with_its_classification()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, new SecretBackendCapabilities(MaxBatchSize: 10));
        backend.Set("a", "value", "a1");
        backend.Set("b", "value", "b1");
        backend.FailNextCall(new HttpRequestException("connection refused"));
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("a", TimeSpan.FromMinutes(5)), Secret("b", TimeSpan.FromMinutes(5))]);

        IReadOnlyList<SecretRefreshOutcome> outcomes = await engine.LoadAsync(CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal("HttpRequestException: connection refused", o.Error));
        Assert.Equal(0, engine.Current.Number);
    }
}
