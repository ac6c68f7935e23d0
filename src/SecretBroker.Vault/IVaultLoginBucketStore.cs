namespace SecretBroker.Vault;

/// <summary>
/// Keeps the state of the login rate limit (a token bucket: a burst of 3 logins, then 1 per 20 s). In memory by default;
/// a host can keep it in a file on tmpfs so that restarts of a crash-looping process share one bucket and cannot mint
/// more than a few Vault tokens a minute.
/// </summary>
/// <remarks>Calls are serialised by the backend within a process; an implementation shared across processes locks itself.</remarks>
public interface IVaultLoginBucketStore
{
    /// <summary>The stored state, or <see langword="null"/> when none was stored yet (a full bucket).</summary>
    VaultLoginBucketState? Load();

    /// <summary>Stores the state after a login was allowed or refused.</summary>
    /// <param name="state">The bucket now.</param>
    void Save(VaultLoginBucketState state);
}
