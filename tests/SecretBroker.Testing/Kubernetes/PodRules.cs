using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>
/// The rules every pod we ship or patch must pass, checked over a pod spec as JSON (a rendered manifest, or a pod the
/// injector patched): Pod Security "restricted" field by field (which includes "baseline"), no secret in env, and our
/// hardening (no automounted API token unless the API is needed, resources on every container, read-only root
/// filesystem). Each problem is one message naming the container (or volume, or the pod) and the field.
/// </summary>
public static class PodRules
{
    /// <summary>Checks a pod spec (<c>spec</c> of a Pod, <c>spec.template.spec</c> of a workload).</summary>
    /// <returns>Every problem found; empty when the spec passes.</returns>
    public static IReadOnlyList<string> Check(JsonObject podSpec, PodRuleOptions? options = null)
        => Check(podSpec, podMetadata: null, options);

    /// <summary>
    /// Checks a pod spec together with the pod's metadata, whose annotations carry the legacy AppArmor profiles.
    /// </summary>
    /// <returns>Every problem found; empty when the spec passes.</returns>
    public static IReadOnlyList<string> Check(JsonObject podSpec, JsonObject? podMetadata, PodRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(podSpec);
        options ??= PodRuleOptions.Default;
        List<string> problems = [];
        PodSecurityBaselineRules.Check(podSpec, podMetadata, problems);
        PodSecurityRestrictedRules.Check(podSpec, problems);
        SecretInEnvRules.Check(podSpec, problems);
        HardeningRules.Check(podSpec, options, problems);
        return problems;
    }

    /// <summary>
    /// Checks a whole Pod, or a pod template (<c>{metadata, spec}</c>, as in <c>spec.template</c> of a Deployment).
    /// </summary>
    /// <returns>Every problem found; empty when the pod passes.</returns>
    public static IReadOnlyList<string> CheckPod(JsonObject podOrTemplate, PodRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(podOrTemplate);
        if (podOrTemplate["spec"] is not JsonObject spec)
        {
            return ["pod: spec: missing"];
        }

        return Check(spec, podOrTemplate["metadata"] as JsonObject, options);
    }
}
