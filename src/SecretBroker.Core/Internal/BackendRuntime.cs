using SecretBroker.Backends;

namespace SecretBroker.Internal;

/// <summary>One backend instance as the engine drives it: its secrets and the wake signal of its refresh loop.</summary>
internal sealed class BackendRuntime(string name, ISecretBackend backend, SecretBackendCapabilities capabilities)
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public ISecretBackend Backend { get; } = backend;

    /// <summary>Read once, so a backend cannot change its batch size under a running cycle.</summary>
    public SecretBackendCapabilities Capabilities { get; } = capabilities;

    public List<SecretState> Secrets { get; } = [];

    /// <summary>
    /// Until when no call may reach this backend (a throttle's Retry-After plus the resume spread); guarded by the
    /// engine's gate. <see langword="null"/> or past: not paused.
    /// </summary>
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>Throttles since the backend last answered a call; sizes the resume window. Guarded by the gate.</summary>
    public int ConsecutiveThrottles { get; set; }

    /// <summary>The secrets grouped by what they read; a cycle claims and fetches whole groups.</summary>
    public List<ReadGroup> Groups { get; } = [];

    /// <summary>Completes when the schedule changed outside the loop. Call under the engine's gate.</summary>
    public Task TakeWakeSignal()
    {
        if (_wake.Task.IsCompleted)
        {
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return _wake.Task;
    }

    /// <summary>Wakes the loop so it re-reads the schedule. Call under the engine's gate.</summary>
    public void Wake() => _wake.TrySetResult();
}
