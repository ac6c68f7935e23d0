namespace SecretBroker.Vault.Internal;

/// <summary>
/// The login rate limit: a token bucket of <see cref="Burst"/> logins refilled one per <see cref="Refill"/>, its state in
/// an <see cref="IVaultLoginBucketStore"/> (so a host can share it across restarts). vault-k8s#210: a crash-looping pod
/// must not mint thousands of tokens overnight.
/// </summary>
internal sealed class LoginBucket(IVaultLoginBucketStore store, TimeProvider time)
{
    public const int Burst = 3;

    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();

    /// <summary>Takes one login; when none is left, says how long until one is.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        lock (_gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            VaultLoginBucketState state = store.Load() ?? new VaultLoginBucketState(Burst, now);
            TimeSpan elapsed = now - state.UpdatedAt;
            double tokens = Math.Clamp(state.Tokens + (elapsed > TimeSpan.Zero ? elapsed / Refill : 0), 0, Burst);
            if (tokens >= 1)
            {
                store.Save(new VaultLoginBucketState(tokens - 1, now));
                wait = TimeSpan.Zero;
                return true;
            }

            store.Save(new VaultLoginBucketState(tokens, now));
            wait = Refill * (1 - tokens);
            return false;
        }
    }
}

/// <summary>The default bucket store: in memory, one per backend.</summary>
internal sealed class InMemoryLoginBucketStore : IVaultLoginBucketStore
{
    private VaultLoginBucketState? _state;

    public VaultLoginBucketState? Load() => _state;

    public void Save(VaultLoginBucketState state) => _state = state;
}
