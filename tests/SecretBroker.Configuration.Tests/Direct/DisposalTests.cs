using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class DisposalTests
{
    [Fact]
    public async Task Disposing_the_configuration_root_stops_every_timer_and_no_backend_call_follows()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "one", "v1");
        ConfigurationRoot root = broker.Build(b => b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh));
        int fetches = broker.Backend().Fetches;

        // The refresh loop is armed (it starts on the thread pool right after the first load).
        await broker.Clock.WaitForPendingTimerAsync();
        Assert.Equal(1, broker.Clock.PendingTimerCount);

        root.Dispose();

        // Nothing is left to wake (checked before advancing: a live loop's timer would fire and be re-armed later).
        Assert.Equal(0, broker.Clock.PendingTimerCount);
        broker.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(fetches, broker.Backend().Fetches);
    }

    [Fact]
    public async Task Disposing_cancels_a_backend_call_under_way()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "one", "v1");
        ConfigurationRoot root = broker.Build(b => b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh));
        Task held = broker.Backend().Hold();
        await broker.Clock.AdvanceToNextTimerAsync();
        await held.WaitAsync(TimeSpan.FromSeconds(10));

        root.Dispose();

        Assert.True(Assert.Single(broker.Backend().HeldTokens).IsCancellationRequested);
        Assert.Equal(0, broker.Clock.PendingTimerCount);
    }
}
