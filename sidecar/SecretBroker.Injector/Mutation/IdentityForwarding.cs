using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// The sidecar is what calls the cloud, so it needs the workload identity the platform's own webhooks inject (EKS IRSA
/// or Pod Identity, Azure workload identity). Admission webhooks run in no fixed order: a webhook running after this one
/// sees the sidecar and mutates it like any container; one that ran before has only touched the app containers, so the
/// sidecar gets a copy of the first such container's identity variables and the token mounts they point into. Only
/// names, paths and ids are copied (what those webhooks put in env), never a credential.
/// </summary>
internal static class IdentityForwarding
{
    private static readonly string[] Markers = ["AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AZURE_CLIENT_ID"];

    private static readonly HashSet<string> Variables = new(StringComparer.Ordinal)
    {
        "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_STS_REGIONAL_ENDPOINTS",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST",
    };

    private static readonly string[] TokenFiles = ["AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AZURE_FEDERATED_TOKEN_FILE"];

    /// <summary>Adds the identity of the first container that has one to the sidecar (its env and mounts).</summary>
    public static void Apply(V1Container sidecar, V1PodSpec spec)
    {
        V1Container? source = spec.Containers.Concat(spec.InitContainers ?? [])
            .FirstOrDefault(static c => (c.Env ?? []).Any(static e => Markers.Contains(e.Name, StringComparer.Ordinal)));
        if (source is null)
        {
            return;
        }

        List<V1EnvVar> env = [.. sidecar.Env ?? []];
        List<V1VolumeMount> mounts = [.. sidecar.VolumeMounts ?? []];
        foreach (V1EnvVar variable in source.Env!.Where(static e => Variables.Contains(e.Name)))
        {
            env.Add(variable);
            if (TokenFiles.Contains(variable.Name, StringComparer.Ordinal) && variable.Value is { } file
                && (source.VolumeMounts ?? []).FirstOrDefault(m => m.MountPath is { } path && file.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal)) is { } mount
                && !mounts.Any(m => m.Name == mount.Name || m.MountPath == mount.MountPath))
            {
                mounts.Add(new V1VolumeMount { Name = mount.Name, MountPath = mount.MountPath, ReadOnlyProperty = true });
            }
        }

        sidecar.Env = env;
        sidecar.VolumeMounts = mounts;
    }
}
