using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>
/// The Pod Security Standards "restricted" controls beyond baseline: volume types, privilege escalation, non-root
/// user and groups, a required seccomp profile, and capabilities (drop ALL, add at most NET_BIND_SERVICE).
/// The optional "non-root groups" control is enforced too.
/// </summary>
internal static class PodSecurityRestrictedRules
{
    // The inline volume sources restricted allows. Newer releases also admit `image` volumes; we stay with the set
    // every supported release admits, so a manifest that passes here passes everywhere.
    private static readonly HashSet<string> AllowedVolumeSources =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    public static void Check(JsonObject podSpec, List<string> problems)
    {
        CheckVolumes(podSpec, problems);
        JsonObject? podContext = podSpec["securityContext"] as JsonObject;
        bool podRunsAsNonRoot = Json.Bool(podContext, "runAsNonRoot") == true;
        bool podHasSeccomp = Json.IsSet(podContext, "seccompProfile", "type");
        if (Json.Bool(podContext, "runAsNonRoot") == false)
        {
            problems.Add("pod: spec.securityContext.runAsNonRoot: must be true (Pod Security: running as non-root)");
        }

        if (Json.Integer(podContext, "runAsUser") == 0)
        {
            problems.Add("pod: spec.securityContext.runAsUser: must not be 0 (Pod Security: running as non-root user)");
        }

        CheckGroups(podContext, "pod: spec.securityContext", problems.Add);
        foreach (PodContainer container in PodContainer.All(podSpec))
        {
            CheckContainer(container, podRunsAsNonRoot, podHasSeccomp, problems);
        }
    }

    private static void CheckVolumes(JsonObject podSpec, List<string> problems)
    {
        foreach (JsonObject volume in Json.Objects(podSpec, "volumes"))
        {
            string name = Json.String(volume, "name") ?? "(unnamed)";
            foreach ((string source, JsonNode? value) in volume)
            {
                if (source != "name" && value is not null && !AllowedVolumeSources.Contains(source))
                {
                    problems.Add($"volume '{name}': {source}: this volume type is not allowed (Pod Security: volume types; allowed: {string.Join(", ", AllowedVolumeSources)})");
                }
            }
        }
    }

    private static void CheckContainer(PodContainer container, bool podRunsAsNonRoot, bool podHasSeccomp, List<string> problems)
    {
        JsonObject? context = container.SecurityContext;
        if (Json.Bool(context, "allowPrivilegeEscalation") != false)
        {
            problems.Add(container.Problem("securityContext.allowPrivilegeEscalation", "must be set to false (Pod Security: privilege escalation)"));
        }

        bool? runAsNonRoot = Json.Bool(context, "runAsNonRoot");
        if (runAsNonRoot == false || (runAsNonRoot is null && !podRunsAsNonRoot))
        {
            problems.Add(container.Problem("securityContext.runAsNonRoot", "must be true, here or in the pod's securityContext (Pod Security: running as non-root)"));
        }

        if (Json.Integer(context, "runAsUser") == 0)
        {
            problems.Add(container.Problem("securityContext.runAsUser", "must not be 0 (Pod Security: running as non-root user)"));
        }

        CheckGroups(context, "securityContext", problem => problems.Add($"{container.Kind} '{container.Name}': {problem}"));
        if (!podHasSeccomp && !Json.IsSet(context, "seccompProfile", "type"))
        {
            problems.Add(container.Problem("securityContext.seccompProfile.type", "must be RuntimeDefault or Localhost, here or in the pod's securityContext (Pod Security: seccomp)"));
        }

        if (!Json.Strings(context, "capabilities", "drop").Contains("ALL"))
        {
            problems.Add(container.Problem("securityContext.capabilities.drop", "must include ALL (Pod Security: capabilities)"));
        }

        foreach (string added in Json.Strings(context, "capabilities", "add"))
        {
            if (added != "NET_BIND_SERVICE")
            {
                problems.Add(container.Problem("securityContext.capabilities.add", $"'{added}' may not be added; only NET_BIND_SERVICE (Pod Security: capabilities)"));
            }
        }
    }

    private static void CheckGroups(JsonObject? context, string prefix, Action<string> report)
    {
        foreach (string field in new[] { "runAsGroup", "fsGroup" })
        {
            if (Json.Integer(context, field) == 0)
            {
                report($"{prefix}.{field}: must not be 0 (Pod Security: non-root groups)");
            }
        }

        if (Json.At(context, "supplementalGroups") is JsonArray groups && groups.Any(g => Json.Integer(g) == 0))
        {
            report($"{prefix}.supplementalGroups: must not contain 0 (Pod Security: non-root groups)");
        }
    }
}
