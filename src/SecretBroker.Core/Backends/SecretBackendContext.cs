namespace SecretBroker.Backends;

/// <summary>What a front door (the sidecar, or <c>AddSecretBroker</c>) hands a backend type when it builds a backend.</summary>
public sealed class SecretBackendContext
{
    /// <summary>The backend's name (the key under <c>backends:</c>).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Supplies the key content versions are derived with, for backends that version by content hash (the <c>file</c>
    /// backend); <see langword="null"/>: a random key per process.
    /// </summary>
    public Func<ReadOnlyMemory<byte>>? VersionKey { get; init; }

    /// <summary>
    /// The host's clock (the refresh engine's), for a backend whose own timing must agree with the engine's: the
    /// <c>vault</c> backend's token and lease lifetimes, the <c>huggingface-oidc</c> token's expiry. A cloud SDK's own
    /// caches and request signing keep the system clock. Default: <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
