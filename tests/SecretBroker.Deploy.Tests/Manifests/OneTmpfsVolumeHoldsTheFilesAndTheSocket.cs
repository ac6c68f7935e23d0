using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>
/// A memory-backed emptyDir holds the files and the socket: read-write in the sidecar, read-only in every other
/// container; the config comes from the rendered ConfigMap.
/// </summary>
public sealed class OneTmpfsVolumeHoldsTheFilesAndTheSocket
{
    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task Memory_backed_with_a_size_limit(string name)
    {
        JsonObject emptyDir = RenderedPod.Of(await RenderedManifests.RenderAsync(name)).Volume("secretbroker")["emptyDir"]!.AsObject();

        Assert.Equal("Memory", (string?)emptyDir["medium"]);
        Assert.NotNull(emptyDir["sizeLimit"]);
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task Written_by_the_sidecar_and_read_only_everywhere_else(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);
        RenderedPod pod = RenderedPod.Of(rendering);
        SidecarConfig config = SidecarConfig.Of(rendering);

        JsonObject sidecarMount = RenderedPod.Mount(pod.Sidecar, "secretbroker")!;
        Assert.NotEqual(true, sidecarMount["readOnly"]?.GetValue<bool>());
        string mountPath = (string)sidecarMount["mountPath"]!;
        Assert.StartsWith(mountPath + "/", config.SocketPath, StringComparison.Ordinal);
        Assert.StartsWith(mountPath + "/", config.FilesDir, StringComparison.Ordinal);

        Assert.NotEmpty(pod.Others);
        foreach (JsonObject container in pod.Others)
        {
            JsonObject? mount = RenderedPod.Mount(container, "secretbroker");
            Assert.True(mount is null || mount["readOnly"]?.GetValue<bool>() == true, $"{container["name"]} mounts the secrets volume writable");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task The_app_finds_the_socket_and_files_and_may_read_them(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);
        RenderedPod pod = RenderedPod.Of(rendering);
        SidecarConfig config = SidecarConfig.Of(rendering);
        JsonObject app = Assert.Single(pod.Others);

        Assert.Equal(config.SocketPath, RenderedPod.Env(app, "SECRETBROKER_SOCKET"));
        Assert.Equal(config.FilesDir, RenderedPod.Env(app, "SECRETBROKER_SECRETS_DIR"));
        Assert.Equal("65532", RenderedPod.Env(app, "SECRETBROKER_SOCKET_UID"));
        Assert.Contains(app["securityContext"]!["runAsUser"]!.GetValue<long>(), config.SocketAllowUids);
        Assert.Equal(65532, pod.Spec["securityContext"]!["fsGroup"]!.GetValue<long>());   // the files' group (0440)
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task The_config_is_the_rendered_ConfigMap_mounted_read_only(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);
        RenderedPod pod = RenderedPod.Of(rendering);

        Assert.Equal(SidecarConfig.Of(rendering).ConfigMapName, (string?)pod.Volume("secretbroker-config")["configMap"]!["name"]);
        JsonObject mount = RenderedPod.Mount(pod.Sidecar, "secretbroker-config")!;
        Assert.Equal("/etc/secretbroker", (string?)mount["mountPath"]);
        Assert.True(mount["readOnly"]!.GetValue<bool>());
    }
}
