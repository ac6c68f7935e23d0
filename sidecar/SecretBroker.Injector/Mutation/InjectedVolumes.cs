using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>The three volumes the injector adds: the shared tmpfs, the projected token and the config.</summary>
internal static class InjectedVolumes
{
    /// <summary>Memory-backed, so secrets never touch the node's disk; small, since it holds tokens and keys.</summary>
    public static V1Volume Shared() => new()
    {
        Name = InjectorLayout.SharedVolume,
        EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("8Mi") },
    };

    public static V1Volume Token(InjectorSettings settings) => new()
    {
        Name = InjectorLayout.TokenVolume,
        Projected = new V1ProjectedVolumeSource
        {
            Sources =
            [
                new V1VolumeProjection
                {
                    ServiceAccountToken = new V1ServiceAccountTokenProjection
                    {
                        Audience = settings.TokenAudience,
                        ExpirationSeconds = InjectorSettings.TokenExpirationSeconds,
                        Path = "token",
                    },
                },
            ],
        },
    };

    /// <summary>The pod's own ConfigMap (key <c>secretbroker.yaml</c>), or the generated config from the annotation.</summary>
    public static V1Volume Config(string? configMapName) => configMapName is not null
        ? new V1Volume
        {
            Name = InjectorLayout.ConfigVolume,
            ConfigMap = new V1ConfigMapVolumeSource
            {
                Name = configMapName,
                Items = [new V1KeyToPath { Key = InjectorLayout.ConfigFileName, Path = InjectorLayout.ConfigFileName }],
            },
        }
        : new V1Volume
        {
            Name = InjectorLayout.ConfigVolume,
            DownwardAPI = new V1DownwardAPIVolumeSource
            {
                Items =
                [
                    new V1DownwardAPIVolumeFile
                    {
                        Path = InjectorLayout.ConfigFileName,
                        FieldRef = new V1ObjectFieldSelector { FieldPath = $"metadata.annotations['{InjectorLayout.GeneratedConfigAnnotation}']" },
                    },
                ],
            },
        };
}
