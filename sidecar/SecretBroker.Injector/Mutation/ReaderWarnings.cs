using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// What the injector cannot fix without changing the pod's own security settings, said to the user as admission
/// warnings: files are <c>0440</c> (group: the pod's <c>fsGroup</c>) and the generated socket admits the selected
/// containers' <c>runAsUser</c> values, so a pod that sets neither can read secrets only as uid 65532.
/// </summary>
internal static class ReaderWarnings
{
    public static IReadOnlyList<string> For(V1PodSpec spec, InjectionRequest request)
    {
        List<string> warnings = [];
        if (spec.SecurityContext?.FsGroup is null)
        {
            warnings.Add("secretbroker: spec.securityContext.fsGroup is not set, so containers of another uid than 65532 cannot read the secret files (0440); set fsGroup (65532 works)");
        }

        if (request.ConfigMapName is null)
        {
            IEnumerable<V1Container> selected = spec.Containers.Concat(spec.InitContainers ?? []).Where(c => ContainerSelection.Includes(request, c.Name));
            string[] unknown = [.. selected.Where(c => (c.SecurityContext?.RunAsUser ?? spec.SecurityContext?.RunAsUser) is null).Select(static c => c.Name)];
            if (unknown.Length > 0)
            {
                warnings.Add($"secretbroker: no runAsUser for {string.Join(", ", unknown)}: the socket admits only the uids it knows; set runAsUser to read secrets over the socket");
            }
        }

        return warnings;
    }
}
