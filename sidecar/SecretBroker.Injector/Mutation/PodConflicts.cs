using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>What in a pod would collide with what the injector adds: each is a denial, never a silent overwrite.</summary>
internal static class PodConflicts
{
    private static readonly string[] InjectedVolumeNames = [InjectorLayout.SharedVolume, InjectorLayout.TokenVolume, InjectorLayout.ConfigVolume];
    private static readonly string[] VaultVolumeNames = [InjectorLayout.VaultSecretsVolume, InjectorLayout.VaultTokenVolume, InjectorLayout.VaultTlsVolume];

    public static List<string> Find(V1PodSpec spec, InjectionRequest request)
    {
        List<string> problems = [];
        IList<V1Container> containers = spec.Containers ?? [];
        IList<V1Container> initContainers = spec.InitContainers ?? [];
        if (containers.Count == 0)
        {
            problems.Add("the pod has no containers");
        }

        string[] reserved = request.Vault is null ? InjectedVolumeNames : [.. InjectedVolumeNames, .. VaultVolumeNames];
        foreach (V1Volume volume in spec.Volumes ?? [])
        {
            if (reserved.Contains(volume.Name, StringComparer.Ordinal))
            {
                problems.Add($"volume '{volume.Name}' already exists: the injector adds a volume of that name (rename yours)");
            }
        }

        // Ephemeral containers cannot exist at creation, but a name clash there would still fail validation later.
        IEnumerable<string> names = containers.Concat(initContainers).Select(static c => c.Name).Concat((spec.EphemeralContainers ?? []).Select(static e => e.Name));
        if (names.Contains(InjectorLayout.SidecarName, StringComparer.Ordinal))
        {
            problems.Add($"container '{InjectorLayout.SidecarName}' already exists: the injector adds a container of that name (rename yours)");
        }

        foreach (string name in request.Containers ?? [])
        {
            if (!containers.Concat(initContainers).Any(c => c.Name == name))
            {
                problems.Add($"annotation {request.ContainersAnnotation}: the pod has no container '{name}'");
            }
        }

        foreach (V1Container container in containers.Concat(initContainers))
        {
            if (ContainerSelection.Includes(request, container.Name)
                && (container.VolumeMounts ?? []).Any(static m => m.MountPath is { } path && IsUnder(path, InjectorLayout.SharedMountPath)))
            {
                problems.Add($"container '{container.Name}' already mounts a volume at {InjectorLayout.SharedMountPath}: the injector mounts the secrets there");
            }

            if (request.Vault is { } vault && ContainerSelection.Includes(request, container.Name)
                && (container.VolumeMounts ?? []).Any(m => m.MountPath is { } path && VaultAnnotationReader.Overlaps(path, vault.Dir)))
            {
                problems.Add($"container '{container.Name}' already mounts a volume at or around {vault.Dir}: the injector mounts the Vault secrets there ({vault.Prefix}secret-volume-path)");
            }
        }

        return problems;
    }

    private static bool IsUnder(string path, string root) =>
        path.TrimEnd('/') == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
