using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>Counts a configuration's reloads and lets a test wait (bounded) for the n-th one.</summary>
internal sealed class ReloadCounter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IDisposable _registration;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public ReloadCounter(IConfiguration configuration)
    {
        _registration = ChangeToken.OnChange(configuration.GetReloadToken, OnReload);
    }

    public int Count => Volatile.Read(ref _count);

    public async Task WaitForAsync(int count)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(safety.Token);
        }
    }

    public void Dispose() => _registration.Dispose();

    private void OnReload()
    {
        lock (_lock)
        {
            _count++;
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
