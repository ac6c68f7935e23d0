using k8s.Models;
using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// Decides what happens to one pod and builds its patch: every check runs before the first operation is built, and
/// the patch only ever adds (existing env, volumes and containers are never replaced).
/// </summary>
internal sealed class PodMutator(InjectorSettings settings)
{
    public InjectorSettings Settings => settings;

    public MutationResult Mutate(V1Pod pod)
    {
        AnnotationReading reading = AnnotationReader.Read(pod.Metadata?.Annotations, settings.Backends);
        if (reading.Outcome == AnnotationOutcome.NotRequested)
        {
            // Only pods that say nothing of secretbroker.io/inject; NotRequested again unless --vault-annotations is on.
            reading = VaultAnnotationReader.Read(pod.Metadata, settings);
        }

        switch (reading.Outcome)
        {
            case AnnotationOutcome.NotRequested:
                return MutationResult.Untouched(MutationOutcome.NotRequested);
            case AnnotationOutcome.AlreadyInjected:
                return MutationResult.Untouched(MutationOutcome.AlreadyInjected);
            case AnnotationOutcome.Invalid:
                return MutationResult.Denied(reading.Problems);
        }

        InjectionRequest request = reading.Request!;
        if (pod.Spec is not { } spec)
        {
            return MutationResult.Denied(["the pod has no spec"]);
        }

        List<string> problems = [.. PodConflicts.Find(spec, request), .. AzureWorkloadIdentity.Conflicts(spec)];
        if (problems.Count > 0)
        {
            return MutationResult.Denied(problems);
        }

        List<string> warnings = [.. ReaderWarnings.For(spec, request), .. request.Vault is { } vault ? VaultInjection.Warnings(vault) : []];
        if (request.Vault is null && settings.HonorVaultAnnotations && VaultAnnotationReader.RequestingPrefix(k => pod.Metadata!.Annotations.TryGetValue(k, out string? v) ? v : null) is { } prefix)
        {
            // secretbroker.io/inject decides, so the Vault annotations were not read: the Vault injector will still act on them.
            warnings.Add($"secretbroker: the pod also asks for Vault Agent ({prefix}agent-inject), whose injector will add its agent too; set it to \"false\", or drop secretbroker.io/inject to have the Vault annotations converted");
        }

        byte[] patch = BuildPatch(pod, request, warnings);
        AzureWorkloadIdentity.WarnAboutExposedContainers(pod, warnings);
        return MutationResult.Injected(patch, warnings);
    }

    private byte[] BuildPatch(V1Pod pod, InjectionRequest request, List<string> warnings)
    {
        V1PodSpec spec = pod.Spec;
        JsonPatchBuilder patch = new();
        IReadOnlyList<V1EnvVar> env = ConsumerEnvironment.For(request);
        List<long> readerUids = [];

        // Existing containers first, by their current indexes; the sidecar is inserted into initContainers last,
        // so no operation has to account for a shifted index.
        for (int i = 0; i < spec.Containers.Count; i++)
        {
            if (ContainerSelection.Includes(request, spec.Containers[i].Name))
            {
                Consume(patch, $"/spec/containers/{i}", spec.Containers[i], env, request);
                AddUid(readerUids, spec.Containers[i], spec);
            }
        }

        IList<V1Container> initContainers = spec.InitContainers ?? [];
        for (int i = 0; i < initContainers.Count; i++)
        {
            if (ContainerSelection.Includes(request, initContainers[i].Name))
            {
                Consume(patch, $"/spec/initContainers/{i}", initContainers[i], env, request);
                AddUid(readerUids, initContainers[i], spec);
            }
        }

        V1Container sidecar = SidecarContainer.Create(settings);
        IdentityForwarding.Apply(sidecar, spec);
        List<V1Volume> volumes = [InjectedVolumes.Shared(), InjectedVolumes.Token(settings), InjectedVolumes.Config(request.ConfigMapName)];
        if (request.Vault is { } vault)
        {
            VaultInjection.Complete(sidecar, vault);
            volumes.AddRange(VaultInjection.Volumes(vault));
        }

        if (AzureWorkloadIdentity.CompleteSidecar(sidecar, pod, settings, warnings) is { } azureToken)
        {
            volumes.Add(azureToken);
        }

        AddAll(patch, "/spec/volumes", spec.Volumes is null, volumes);
        if (spec.InitContainers is null)
        {
            patch.AddModels("/spec/initContainers", [sidecar]);
        }
        else
        {
            // First, so every other init container can already read the secrets.
            patch.AddModel("/spec/initContainers/0", sidecar);
        }

        const string annotations = "/metadata/annotations/";
        if (request.Vault is { } converted)
        {
            VaultInjectedOutputs outputs = new(request.InitOnly ? null : InjectorLayout.SocketPath, spec.SecurityContext?.FsGroup, readerUids);
            patch.AddString(annotations + JsonPatchBuilder.Segment(InjectorLayout.GeneratedConfigAnnotation), VaultConfigWriter.Write(converted, outputs));

            // So the Vault injector, should it run after us, adds no second agent (add replaces the pod's "true").
            patch.AddString(annotations + JsonPatchBuilder.Segment(converted.Prefix + "agent-inject"), "false");
        }
        else if (request.ConfigMapName is null)
        {
            string config = GeneratedConfig.Render(settings.Backends, request.Secrets, readerUids, spec.SecurityContext?.FsGroup);
            patch.AddString(annotations + JsonPatchBuilder.Segment(InjectorLayout.GeneratedConfigAnnotation), config);
        }

        patch.AddString(annotations + JsonPatchBuilder.Segment(InjectorLayout.AnnotationPrefix + "inject-status"), InjectorLayout.InjectedStatus);
        return patch.ToUtf8();
    }

    private static void Consume(JsonPatchBuilder patch, string container, V1Container target, IReadOnlyList<V1EnvVar> env, InjectionRequest request)
    {
        V1VolumeMount mount = new() { Name = InjectorLayout.SharedVolume, MountPath = InjectorLayout.SharedMountPath, ReadOnlyProperty = true };
        V1VolumeMount[] mounts = request.Vault is { } vault ? [mount, VaultInjection.ConsumerMount(vault)] : [mount];
        AddAll(patch, container + "/volumeMounts", target.VolumeMounts is null, mounts);

        // Existing env is never overwritten: a variable the pod already sets keeps its value.
        HashSet<string> existing = new((target.Env ?? []).Select(static e => e.Name), StringComparer.Ordinal);
        V1EnvVar[] missing = [.. env.Where(e => !existing.Contains(e.Name))];
        if (missing.Length > 0)
        {
            AddAll(patch, container + "/env", target.Env is null, missing);
        }
    }

    private static void AddAll<T>(JsonPatchBuilder patch, string path, bool absent, IReadOnlyList<T> items)
        where T : class
    {
        if (absent)
        {
            patch.AddModels(path, items);
            return;
        }

        foreach (T item in items)
        {
            patch.AddModel(path + "/-", item);
        }
    }

    private static void AddUid(List<long> uids, V1Container container, V1PodSpec spec)
    {
        if ((container.SecurityContext?.RunAsUser ?? spec.SecurityContext?.RunAsUser) is { } uid && !uids.Contains(uid))
        {
            uids.Add(uid);
        }
    }
}
