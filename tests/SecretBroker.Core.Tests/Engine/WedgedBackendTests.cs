using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

// A backend that never returns (a FIFO read, a hung mount, an SDK ignoring its token) must not hold up shutdown:
// the engine awaits every backend call with its own cancellation.
public class WedgedBackendTests
{
    public static TheoryData<bool> BlockingStyles() => [true, false];

    [Theory]
    [MemberData(nameof(BlockingStyles))]
    public async Task DisposeAsync_completes_while_a_refresh_is_stuck_in_a_backend_that_ignores_cancellation(bool blocksSynchronously)
    {
        var clock = new TestClock();
        using var wedged = new WedgedBackend(blocksSynchronously);
        SecretRefreshEngine engine = new(
            [Secret("token", TimeSpan.FromMinutes(5))],
            new Dictionary<string, ISecretBackend> { [Backend] = wedged },
            Options(),
            clock);
        await engine.StartAsync(CancellationToken.None).Bounded();

        // From the thread pool: the timer's continuation may run inline, and a regression would then wedge this thread.
        _ = Task.Run(clock.AdvanceToNextTimerAsync);
        await wedged.Entered.Task.Bounded();

        await engine.DisposeAsync().AsTask().Bounded();
    }

    [Fact]
    public async Task LoadAsync_returns_on_cancellation_while_the_backend_blocks_its_caller()
    {
        var clock = new TestClock();
        var wedged = new WedgedBackend(blocksSynchronously: true, loadsFirst: false);
        SecretRefreshEngine engine = new(
            [Secret("token", TimeSpan.FromMinutes(5))],
            new Dictionary<string, ISecretBackend> { [Backend] = wedged },
            Options(),
            clock);
        using var cancel = new CancellationTokenSource();
        try
        {
            Task load = Task.Run(() => engine.LoadAsync(cancel.Token));
            await wedged.Entered.Task.Bounded();
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load.Bounded());
        }
        finally
        {
            // Released first, so that a regression fails this test instead of hanging the run in disposal.
            wedged.Dispose();
            await engine.DisposeAsync().AsTask().Bounded();
        }
    }

    /// <summary>Answers the first fetch (unless told not to), then never returns and never looks at its token.</summary>
    private sealed class WedgedBackend(bool blocksSynchronously, bool loadsFirst = true) : ISecretBackend, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource<IReadOnlyList<SecretFetchResult>> _never = new();
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SecretBackendCapabilities Capabilities => SecretBackendCapabilities.Simple;

        public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
        {
            if (loadsFirst && Interlocked.Increment(ref _calls) == 1)
            {
                return ValueTask.FromResult<IReadOnlyList<SecretFetchResult>>([SecretFetchResult.Success(secrets[0].Name, "v"u8.ToArray(), "1")]);
            }

            Entered.TrySetResult();
            if (blocksSynchronously)
            {
                // Released only when the test ends, so no thread outlives it.
                _release.Wait(CancellationToken.None);
            }

            return new ValueTask<IReadOnlyList<SecretFetchResult>>(_never.Task);
        }

        public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
            // Set, not disposed: the blocked thread may still be inside Wait.
            _release.Set();
            _never.TrySetCanceled();
        }
    }
}
