using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// What <c>/readyz</c> answers on the socket and the loopback listener: every required secret is loaded, and the files
/// output (when configured) holds them — the generation it last wrote has every required secret and nothing newer
/// failed to write. One definition, so the two listeners never disagree. A native sidecar's startupProbe
/// (<c>secretbroker probe ready</c>) therefore lets the app containers start only once the files are on the volume,
/// not in the moment between the engine loading them and the writer publishing them.
/// </summary>
internal sealed class SidecarReadiness(SecretRefreshEngine engine, FilesDeliveryState? files = null)
{
    private readonly string[] _required = [.. engine.Definitions.Where(static d => d.Required).Select(static d => d.Name)];

    /// <summary>Whether the sidecar is ready.</summary>
    public bool IsReady => engine.IsReady && (files is null || FilesHoldRequired(files));

    private bool FilesHoldRequired(FilesDeliveryState state) =>
        !state.IsBehind && state.Delivered is { } held && _required.All(held.Secrets.ContainsKey);
}
