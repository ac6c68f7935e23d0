using System.Diagnostics;
using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>Cancellation: a cancelled call ends promptly with <see cref="OperationCanceledException"/>, never as a backend error.</summary>
public abstract partial class SecretBackendConformanceTests
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_call_with_a_cancelled_token_ends_with_OperationCanceledException()
    {
        await PutSecretAsync("token", "t");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var watch = Stopwatch.StartNew();
        Exception? thrown = await Record.ExceptionAsync(() => Backend.FetchAsync([Definition("token", "token")], cancelled.Token).AsTask().WaitAsync(Promptly * 2));

        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.True(watch.Elapsed < Promptly, $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_call_in_flight_ends_promptly_with_OperationCanceledException_when_cancelled()
    {
        await PutSecretAsync("token", "t");
        await PutSecretAsync("other", "o");
        Task? held = HoldCalls();
        if (held is null)
        {
            // Nothing to hold: still, cancelling between the secrets of one call must end it as a cancellation.
            NotChecked("a call held in flight", HoldUnavailable);
            using var soon = new CancellationTokenSource();
            await soon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Backend.FetchAsync([Definition("token", "token"), Definition("other", "other")], soon.Token).AsTask());
            return;
        }

        using var cts = new CancellationTokenSource();
        Task<IReadOnlyList<SecretFetchResult>> call = Backend.FetchAsync([Definition("token", "token"), Definition("other", "other")], cts.Token).AsTask();
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(call.IsCompleted, "the held call completed before it was cancelled");

        var watch = Stopwatch.StartNew();
        await cts.CancelAsync();
        Exception? thrown = await Record.ExceptionAsync(() => call.WaitAsync(Promptly * 2));

        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.IsNotType<SecretBackendException>(thrown);
        Assert.True(watch.Elapsed < Promptly, $"cancellation took {watch.Elapsed}");
    }
}
