namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Whether the files output holds what the engine currently serves. The files writer sets it; readiness
/// (<see cref="Hosting.SidecarReadiness"/>) and a metric read it, so files that lag behind the socket are never hidden.
/// </summary>
internal sealed class FilesDeliveryState
{
    private volatile bool _behind;

    /// <summary>Whether the files on disk are behind the engine's current generation (a write failed and is being retried).</summary>
    public bool IsBehind => _behind;

    /// <summary>Records whether the files are behind.</summary>
    public void SetBehind(bool behind) => _behind = behind;
}
