using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class ProbeTests
{
    private static readonly SecretBackendCapabilities Probing = new(MaxBatchSize: 20, SupportsProbe: true);

    [Fact]
    public async Task An_unchanged_probed_version_causes_no_fetch()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, Probing);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);

        SecretRefreshOutcome outcome = await engine.RefreshAsync("token", CancellationToken.None).Bounded();

        Assert.True(outcome.Succeeded);
        Assert.False(outcome.Changed);
        Assert.Equal(1, backend.Count("probe"));
        Assert.Equal(1, backend.Count("fetch"));
        Assert.Equal(1, engine.Current.Number);
    }

    [Fact]
    public async Task A_moved_version_fetches_only_that_secret()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, Probing);
        backend.Set("a", "value-a", "a1");
        backend.Set("b", "value-b", "b1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("a", TimeSpan.FromMinutes(5)), Secret("b", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        backend.Set("b", "value-b2", "b2");

        await clock.AdvanceToNextTimerAsync();
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        BackendCall probe = Assert.Single(backend.CallsOf("probe"));
        Assert.Equal(["a", "b"], probe.Ids);
        Assert.Equal(2, backend.Count("fetch"));
        Assert.Equal(["b"], backend.CallsOf("fetch")[^1].Ids);
        Assert.Equal(["b"], generation.Changed);
        Assert.Equal("b2", generation.Secrets["b"].Version);
    }
}
