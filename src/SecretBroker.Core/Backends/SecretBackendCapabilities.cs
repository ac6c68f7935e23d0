namespace SecretBroker.Backends;

/// <summary>What a backend supports; the engine plans refresh cycles from it.</summary>
/// <param name="MaxBatchSize">
/// Most read groups (distinct id and version selector) one <see cref="ISecretBackend.FetchAsync"/> or
/// <see cref="ISecretBackend.ProbeAsync"/> call may carry (at least 1); a group is never split, so a call may hold more
/// definitions than this.
/// </param>
/// <param name="SupportsProbe">Whether <see cref="ISecretBackend.ProbeAsync"/> is cheaper than a fetch and should run first.</param>
/// <param name="SupportsLeaseRenewal">Whether <see cref="ISecretBackend.RenewAsync"/> is implemented.</param>
public sealed record SecretBackendCapabilities(int MaxBatchSize, bool SupportsProbe = false, bool SupportsLeaseRenewal = false)
{
    /// <summary>A backend that fetches one secret per call with no probe and no leases.</summary>
    public static SecretBackendCapabilities Simple { get; } = new(1);
}
