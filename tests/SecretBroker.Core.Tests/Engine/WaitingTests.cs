using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class WaitingTests
{
    [Fact]
    public async Task WaitForGenerationAsync_returns_at_once_when_the_generation_is_already_newer()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("token", "value", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("token", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);

        Task<SecretGeneration> wait = engine.WaitForGenerationAsync(0, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(1, (await wait).Number);
    }

    [Fact]
    public async Task WaitForGenerationAsync_honours_cancellation()
    {
        var clock = new TestClock();
        await using SecretRefreshEngine engine = Create(clock, new FakeSecretBackend(clock), [Secret("token", TimeSpan.FromMinutes(5))]);
        using var cancellation = new CancellationTokenSource();

        Task<SecretGeneration> wait = engine.WaitForGenerationAsync(0, cancellation.Token);
        Assert.False(wait.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Bounded());
    }
}
