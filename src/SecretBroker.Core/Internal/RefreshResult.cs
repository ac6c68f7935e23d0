using SecretBroker.Backends;

namespace SecretBroker.Internal;

/// <summary>What a cycle learned about one secret, before it is applied to the cache.</summary>
internal sealed class RefreshResult
{
    private RefreshResult(SecretState state) => State = state;

    public SecretState State { get; }

    /// <summary>A fetched value (possibly the same version as before).</summary>
    public SecretFetchResult? Fetched { get; private init; }

    /// <summary>A renewed lease (the value stays).</summary>
    public SecretLease? Renewed { get; private init; }

    /// <summary>The failure, when the secret could not be refreshed.</summary>
    public ClassifiedError? Error { get; private init; }

    public static RefreshResult Fetch(SecretState state, SecretFetchResult result) => new(state) { Fetched = result };

    /// <summary>The probe reported the version already held.</summary>
    public static RefreshResult Confirmed(SecretState state) => new(state);

    public static RefreshResult Renew(SecretState state, SecretLease lease) => new(state) { Renewed = lease };

    public static RefreshResult Failure(SecretState state, ClassifiedError error) => new(state) { Error = error };
}
