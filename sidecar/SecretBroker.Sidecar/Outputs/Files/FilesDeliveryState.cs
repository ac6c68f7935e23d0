namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Whether the files output holds what the engine currently serves, and which generation it holds. The files writer
/// sets it; readiness (<see cref="Hosting.SidecarReadiness"/>) and a metric read it, so files that lag behind the socket
/// are never hidden and the sidecar is not ready before the files hold its secrets.
/// </summary>
internal sealed class FilesDeliveryState
{
    private volatile bool _behind;
    private SecretGeneration? _delivered;

    /// <summary>The generation whose secrets the files hold; <see langword="null"/> until the first successful write or check.</summary>
    public SecretGeneration? Delivered => Volatile.Read(ref _delivered);

    /// <summary>Records that the files hold <paramref name="generation"/>'s secrets.</summary>
    public void SetDelivered(SecretGeneration generation) => Volatile.Write(ref _delivered, generation);

    /// <summary>Whether the files on disk are behind the engine's current generation (a write failed and is being retried).</summary>
    public bool IsBehind => _behind;

    /// <summary>Records whether the files are behind.</summary>
    public void SetBehind(bool behind) => _behind = behind;
}
