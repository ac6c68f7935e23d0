using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class BatchingTests
{
    [Fact]
    public async Task A_cycle_fetches_45_secrets_in_batches_of_20_20_and_5_and_publishes_them_in_one_generation()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock, new SecretBackendCapabilities(MaxBatchSize: 20));
        string[] names = [.. Enumerable.Range(0, 45).Select(i => $"secret-{i:00}")];
        foreach (string name in names)
        {
            backend.Set(name, "value", "v1");
        }

        await using SecretRefreshEngine engine = Create(clock, backend, names.Select(n => Secret(n, TimeSpan.FromMinutes(5))));
        await engine.StartAsync(CancellationToken.None);
        Assert.Equal([20, 20, 5], backend.CallsOf("fetch").Select(c => c.Ids.Count));
        foreach (string name in names)
        {
            backend.Set(name, "rotated", "v2");
        }

        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("fetch", 6);
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal([20, 20, 5], backend.CallsOf("fetch").Skip(3).Select(c => c.Ids.Count));
        Assert.Equal(2, generation.Number);
        Assert.Equal(45, generation.Changed.Count);
        Assert.All(generation.Secrets.Values, e => Assert.Equal("v2", e.Version));
    }
}
