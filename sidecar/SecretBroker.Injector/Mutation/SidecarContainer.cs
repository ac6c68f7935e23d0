using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// The injected sidecar: a native sidecar (an init container with <c>restartPolicy: Always</c>), so it starts before
/// the app, its startup probe holds the app back until every required secret is on the volume, and a Job completes
/// when its main container exits.
/// </summary>
internal static class SidecarContainer
{
    // Measured footprint (docs/benchmarks.md) plus headroom; the limit bounds a leak, not normal use.
    private const string CpuRequest = "10m";
    private const string MemoryRequest = "24Mi";
    private const string MemoryLimit = "64Mi";

    public static V1Container Create(InjectorSettings settings) => new()
    {
        Name = InjectorLayout.SidecarName,
        Image = settings.SidecarImage,
        ImagePullPolicy = "IfNotPresent",
        Args = ["run", "--config", InjectorLayout.ConfigFile],
        RestartPolicy = "Always",
        // Session tags for model-store credentials (credentials: in the config), as in the kustomize base; no values.
        Env =
        [
            FieldRef("SECRETBROKER_POD_NAMESPACE", "metadata.namespace"),
            FieldRef("SECRETBROKER_POD_NAME", "metadata.name"),
            FieldRef("SECRETBROKER_POD_SERVICE_ACCOUNT", "spec.serviceAccountName"),
        ],
        // Two minutes for the first load, as in the kustomize base (backend retries back off up to 5 min).
        StartupProbe = Probe("ready", periodSeconds: 1, failureThreshold: 120),
        LivenessProbe = Probe("live", periodSeconds: 10, failureThreshold: 3),
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(CpuRequest), ["memory"] = new(MemoryRequest) },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(MemoryLimit) },
        },
        SecurityContext = new V1SecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = InjectorLayout.SidecarUid,
            RunAsGroup = InjectorLayout.SidecarUid,
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        VolumeMounts =
        [
            new V1VolumeMount { Name = InjectorLayout.SharedVolume, MountPath = InjectorLayout.SharedMountPath },
            new V1VolumeMount { Name = InjectorLayout.TokenVolume, MountPath = InjectorLayout.TokenMountPath, ReadOnlyProperty = true },
            new V1VolumeMount { Name = InjectorLayout.ConfigVolume, MountPath = InjectorLayout.ConfigMountPath, ReadOnlyProperty = true },
        ],
    };

    private static V1EnvVar FieldRef(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };

    // `secretbroker probe` answers in milliseconds; --socket-uid because an emptyDir is writable by every container,
    // so the socket's owner alone proves nothing (README: Who serves the socket).
    private static V1Probe Probe(string kind, int periodSeconds, int failureThreshold) => new()
    {
        Exec = new V1ExecAction
        {
            Command = ["/secretbroker", "probe", kind, "--socket", InjectorLayout.SocketPath, "--socket-uid", "65532"],
        },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = failureThreshold,
    };
}
