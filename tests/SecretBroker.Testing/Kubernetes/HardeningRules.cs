using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>
/// Our hardening beyond Pod Security: no hostPath (restricted already refuses it; named here so the message is
/// explicit), no automounted API token unless the pod needs the API, requests and a memory limit on every
/// container, and a read-only root filesystem.
/// </summary>
internal static class HardeningRules
{
    public static void Check(JsonObject podSpec, PodRuleOptions options, List<string> problems)
    {
        foreach (JsonObject volume in Json.Objects(podSpec, "volumes"))
        {
            if (Json.IsSet(volume, "hostPath"))
            {
                problems.Add($"volume '{Json.String(volume, "name")}': hostPath: a pod must not mount a node directory");
            }
        }

        if (!options.NeedsKubernetesApi && Json.Bool(podSpec, "automountServiceAccountToken") != false)
        {
            problems.Add("pod: spec.automountServiceAccountToken: must be false (the pod does not use the Kubernetes API; the sidecar reads a projected token)");
        }

        foreach (PodContainer container in PodContainer.All(podSpec))
        {
            CheckResources(container, problems);
            if (Json.Bool(container.SecurityContext, "readOnlyRootFilesystem") != true)
            {
                problems.Add(container.Problem("securityContext.readOnlyRootFilesystem", "must be true"));
            }
        }
    }

    private static void CheckResources(PodContainer container, List<string> problems)
    {
        // Ephemeral (debug) containers cannot have resources: the API refuses them there.
        if (container.Kind == "ephemeral container")
        {
            return;
        }

        foreach (string request in new[] { "cpu", "memory" })
        {
            if (!Json.IsSet(container.Spec, "resources", "requests", request))
            {
                problems.Add(container.Problem($"resources.requests.{request}", "must be set"));
            }
        }

        // A memory limit bounds what the node can lose to one container. A CPU limit is not required: CFS throttling
        // of a mostly idle sidecar only slows its startup and rotations, and the CPU request already reserves its share.
        if (!Json.IsSet(container.Spec, "resources", "limits", "memory"))
        {
            problems.Add(container.Problem("resources.limits.memory", "must be set"));
        }
    }
}
