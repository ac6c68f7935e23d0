using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// What <c>/readyz</c> answers on the socket and the loopback listener: every required secret is loaded, and the files
/// output (when configured) holds the current generation. One definition, so the two listeners never disagree.
/// </summary>
internal sealed class SidecarReadiness(SecretRefreshEngine engine, FilesDeliveryState? files = null)
{
    /// <summary>Whether the sidecar is ready.</summary>
    public bool IsReady => engine.IsReady && files is not { IsBehind: true };
}
