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

    /// <summary>When the backend was asked for <see cref="Fetched"/> or <see cref="Renewed"/>: where their lease starts.</summary>
    public DateTimeOffset AskedAt { get; private init; }

    /// <summary>The failure, when the secret could not be refreshed.</summary>
    public ClassifiedError? Error { get; private init; }

    public static RefreshResult Fetch(SecretState state, SecretFetchResult result, DateTimeOffset askedAt) => new(state) { Fetched = result, AskedAt = askedAt };

    /// <summary>The probe reported the version already held.</summary>
    public static RefreshResult Confirmed(SecretState state) => new(state);

    public static RefreshResult Renew(SecretState state, SecretLease lease, DateTimeOffset askedAt) => new(state) { Renewed = lease, AskedAt = askedAt };

    public static RefreshResult Failure(SecretState state, ClassifiedError error) => new(state) { Error = error };
}
