using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Engine.Throttling.Throttles;

namespace SecretBroker.Core.Tests.Engine.Throttling;

public class RenewalDuringPauseTests
{
    [Fact]
    public async Task A_lease_is_not_renewed_while_its_backend_is_paused_and_is_renewed_once_the_pause_ends()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = Backend(clock, new SecretBackendCapabilities(1, SupportsLeaseRenewal: true), "a");
        backend.Set("leased", "leased-value", "v1", new SecretLease("lease-1", TimeSpan.FromHours(1), Renewable: true));
        await using SecretRefreshEngine engine = Create(clock, backend, "a", "leased");
        await engine.LoadAsync(CancellationToken.None);
        backend.FailNext("a", Throttle());
        await engine.RefreshAsync("a", CancellationToken.None).Bounded();

        SecretRefreshOutcome paused = await engine.RefreshAsync("leased", CancellationToken.None).Bounded();

        Assert.False(paused.Succeeded);
        Assert.Equal(0, backend.Count("renew"));
        Assert.Equal(3, backend.Count("fetch"));
        Assert.True(engine.Current.Secrets["leased"].Stale);

        clock.Advance(RetryAfter + TimeSpan.FromSeconds(0.5));
        SecretRefreshOutcome renewed = await engine.RefreshAsync("leased", CancellationToken.None).Bounded();

        Assert.True(renewed.Succeeded);
        Assert.Equal(1, backend.Count("renew"));
        Assert.Equal(3, backend.Count("fetch"));
    }
}
