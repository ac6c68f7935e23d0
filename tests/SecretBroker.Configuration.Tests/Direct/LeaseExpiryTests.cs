using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecretBroker.Backends;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// Direct mode: a secret whose lease ends while its backend fails is withdrawn by the engine, so its key leaves the
/// configuration with a reload (an <see cref="IOptionsMonitor{TOptions}"/> consumer sees the credential is gone rather
/// than using a dead one), and comes back with the next successful refresh.
/// </summary>
public sealed class LeaseExpiryTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_key_of_a_value_whose_lease_ended_is_removed_on_reload_and_returns_with_the_next_refresh()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("hf", "hf_live", "v1", new SecretLease("token-1", Lifetime, Renewable: false));
        using ConfigurationRoot root = broker.Build(b => b.AddSecret("hf", "main", "hf", refresh: DirectBroker.Refresh));
        using ServiceProvider services = new ServiceCollection().Configure<HubOptions>(root).BuildServiceProvider();
        IOptionsMonitor<HubOptions> monitor = services.GetRequiredService<IOptionsMonitor<HubOptions>>();
        Assert.Equal("hf_live", monitor.CurrentValue.Hf);
        DateTimeOffset issuedAt = broker.Clock.GetUtcNow();

        // Refreshes fail from 60 s (two thirds of the lease) on, with backoff: the token is served stale until 90 s.
        broker.Backend().FailAlways("hf", ScriptedBackend.Transient("hub unreachable"));
        while (broker.Clock.GetUtcNow() < issuedAt + Lifetime)
        {
            Assert.Equal("hf_live", root["hf"]);
            await broker.RefreshCycleAsync(root);
        }

        Assert.Equal(issuedAt + Lifetime, broker.Clock.GetUtcNow());
        Assert.Null(root["hf"]);
        Assert.Null(monitor.CurrentValue.Hf);

        broker.Backend().Heal("hf");
        broker.Backend().Set("hf", "hf_new", "v2", new SecretLease("token-2", Lifetime, Renewable: false));
        await broker.RefreshCycleAsync(root);

        Assert.Equal("hf_new", root["hf"]);
        Assert.Equal("hf_new", monitor.CurrentValue.Hf);
    }

    [Fact]
    public async Task A_value_without_a_lease_keeps_its_key_however_long_its_backend_fails()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("db", "password", "v1");
        using ConfigurationRoot root = broker.Build(b => b.AddSecret("db", "main", "db", refresh: DirectBroker.Refresh));
        broker.Backend().FailAlways("db", ScriptedBackend.Transient("down"));

        for (int i = 0; i < 12; i++)
        {
            await broker.RefreshCycleAsync(root);
        }

        Assert.Equal("password", root["db"]);
    }

    private sealed class HubOptions
    {
        public string? Hf { get; set; }
    }
}
