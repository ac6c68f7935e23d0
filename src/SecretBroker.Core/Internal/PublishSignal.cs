using Microsoft.Extensions.Primitives;

namespace SecretBroker.Internal;

/// <summary>
/// What waits for the next generation: a task for <see cref="SecretRefreshEngine.WaitForGenerationAsync"/> and a
/// change token. Swapped for a fresh one on each publish, then fired (the <c>ConfigurationReloadToken</c> pattern).
/// </summary>
internal sealed class PublishSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TaskCompletionSource<SecretGeneration> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PublishSignal() => ChangeToken = new CancellationChangeToken(_source.Token);

    /// <summary>Built once, so that handing it out never touches a disposed source.</summary>
    public IChangeToken ChangeToken { get; }

    public Task<SecretGeneration> Next => _next.Task;

    /// <summary>Completes waiters and fires change callbacks; a throwing callback is reported, not propagated.</summary>
    public AggregateException? Fire(SecretGeneration generation)
    {
        _next.TrySetResult(generation);
        try
        {
            _source.Cancel();
            return null;
        }
        catch (AggregateException callbackFailures)
        {
            return callbackFailures;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Fails pending waiters for good (the engine is disposed); the change token never fires.</summary>
    public void Close()
    {
        _next.TrySetException(new ObjectDisposedException(nameof(SecretRefreshEngine)));
        Dispose();
    }

    /// <summary>Releases the token source; its token keeps reporting whether it fired.</summary>
    public void Dispose() => _source.Dispose();
}
