namespace SecretBroker.Azure.Internal;

/// <summary>
/// A GET the probe made (its value, or the permanent error it met), handed to the fetch that follows in the same
/// cycle so a moved secret costs one read, not two. Never log it.
/// </summary>
/// <param name="Read">What the GET returned, or <see langword="null"/> when it failed.</param>
/// <param name="Error">The permanent failure, when it failed.</param>
/// <param name="At">When it was read (the backend's clock); older than <see cref="ProbeRead.Lifetime"/> it is not used.</param>
internal sealed record ProbeRead(VaultRead? Read, Backends.SecretBackendException? Error, DateTimeOffset At)
{
    /// <summary>How long a probe's read may stand in for the fetch's: the engine fetches right after probing.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
}
