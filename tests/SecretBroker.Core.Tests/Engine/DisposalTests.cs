using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class DisposalTests
{
    [Fact]
    public async Task After_DisposeAsync_advancing_time_causes_no_backend_call_and_leaves_no_timer()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        await clock.WaitForPendingTimerAsync();

        await engine.DisposeAsync().AsTask().Bounded();
        for (int hour = 0; hour < 48; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Single(backend.Calls);
        Assert.Equal(0, clock.PendingTimerCount);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.RefreshAsync("token", CancellationToken.None));
    }

    [Fact]
    public async Task Disposing_fails_pending_waits_with_ObjectDisposedException_and_is_idempotent()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        Task<SecretGeneration> wait = engine.WaitForGenerationAsync(engine.Current.Number, CancellationToken.None);

        await engine.DisposeAsync();
        engine.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait.Bounded());
        Assert.Same(engine.Current, await engine.WaitForGenerationAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task Disposing_during_a_held_fetch_cancels_it_and_waits_for_it()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        FakeSecretBackend.Hold hold = backend.HoldFetches();
        await clock.AdvanceToNextTimerAsync();
        await hold.Entered.Task.Bounded();
        Task<SecretRefreshOutcome> joined = engine.RefreshAsync("token", CancellationToken.None);

        await engine.DisposeAsync().AsTask().Bounded();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joined.Bounded());
        Assert.Equal(2, backend.Count("fetch"));
    }
}
