using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>
/// The sidecar is an init container with restartPolicy Always, placed first; its startupProbe (which holds the app
/// back) asks the socket the config serves whether every required secret is delivered; its liveness probe asks the same.
/// </summary>
public sealed class TheSidecarIsANativeSidecar
{
    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task First_among_init_containers_and_restarted_always(string name)
    {
        RenderedPod pod = RenderedPod.Of(await RenderedManifests.RenderAsync(name));

        Assert.Equal(RenderedPod.SidecarName, (string?)pod.Sidecar["name"]);
        Assert.Equal("Always", (string?)pod.Sidecar["restartPolicy"]);
        Assert.Equal(["run", "--config", "/etc/secretbroker/secretbroker.yaml"], RenderedPod.Strings(pod.Sidecar["args"]));
        Assert.Null(pod.Sidecar["command"]);    // the image's ENTRYPOINT is /secretbroker
        string image = (string)pod.Sidecar["image"]!;
        Assert.True(image == "secretbroker" || image.Contains("/secretbroker:", StringComparison.Ordinal), image);
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task The_startup_probe_waits_for_readiness_on_the_configured_socket(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);
        RenderedPod pod = RenderedPod.Of(rendering);
        string socket = SidecarConfig.Of(rendering).SocketPath;
        string uid = pod.Sidecar["securityContext"]!["runAsUser"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        JsonObject startup = pod.Sidecar["startupProbe"]!.AsObject();
        Assert.Equal(["/secretbroker", "probe", "ready", "--socket", socket, "--socket-uid", uid], RenderedPod.Strings(startup["exec"]!["command"]));
        Assert.Equal(1, startup["periodSeconds"]!.GetValue<long>());
        Assert.True(startup["failureThreshold"]!.GetValue<long>() >= 60, "at least a minute for the first load");

        JsonObject liveness = pod.Sidecar["livenessProbe"]!.AsObject();
        Assert.Equal(["/secretbroker", "probe", "live", "--socket", socket, "--socket-uid", uid], RenderedPod.Strings(liveness["exec"]!["command"]));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task Its_resources_are_small_and_bounded(string name)
    {
        JsonObject resources = RenderedPod.Of(await RenderedManifests.RenderAsync(name)).Sidecar["resources"]!.AsObject();

        Assert.Equal("10m", (string?)resources["requests"]!["cpu"]);
        Assert.Equal("24Mi", (string?)resources["requests"]!["memory"]);
        Assert.Equal("64Mi", (string?)resources["limits"]!["memory"]);
    }
}
