using Microsoft.Extensions.Primitives;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class ChangeNotificationTests
{
    [Fact]
    public async Task A_refresh_that_returns_the_same_version_publishes_no_generation_and_fires_no_token()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);
        IChangeToken token = engine.GetChangeToken();
        Task<SecretGeneration> next = engine.WaitForGenerationAsync(1, CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(1));
        SecretRefreshOutcome outcome = await engine.RefreshAsync("token", CancellationToken.None).Bounded();

        Assert.True(outcome.Succeeded);
        Assert.False(outcome.Changed);
        Assert.Equal(1, engine.Current.Number);
        Assert.False(token.HasChanged);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task A_new_version_publishes_one_generation_naming_the_secret_and_fires_the_token()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        backend.Set("other", "value", "o1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5)), Secret("other", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);
        IChangeToken token = engine.GetChangeToken();
        int callbacks = 0;
        using IDisposable registration = token.RegisterChangeCallback(_ => Interlocked.Increment(ref callbacks), null);
        DateTimeOffset loadedAt = clock.GetUtcNow();
        backend.Set("token", "rotated", "v2");

        clock.Advance(TimeSpan.FromMinutes(1));
        SecretRefreshOutcome outcome = await engine.RefreshAsync("token", CancellationToken.None).Bounded();
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.True(outcome.Changed);
        Assert.Equal(2, generation.Number);
        Assert.Equal(["token"], generation.Changed);
        Assert.Equal("rotated"u8.ToArray(), generation.Secrets["token"].Value.ToArray());
        Assert.Equal(loadedAt + TimeSpan.FromMinutes(1), generation.Secrets["token"].UpdatedAt);
        Assert.Equal(loadedAt, generation.Secrets["other"].UpdatedAt);
        Assert.True(token.HasChanged);
        Assert.Equal(1, callbacks);
        Assert.False(engine.GetChangeToken().HasChanged);
    }
}
