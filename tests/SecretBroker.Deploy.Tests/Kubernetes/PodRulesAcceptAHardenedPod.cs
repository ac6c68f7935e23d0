using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Kubernetes;

public sealed class PodRulesAcceptAHardenedPod
{
    [Fact]
    public void A_native_sidecar_and_an_app_with_every_hardening_pass()
    {
        Assert.Empty(PodRules.Check(HardenedPod.Spec()));
    }

    [Fact]
    public void Container_level_non_root_and_seccomp_stand_in_for_the_pod_level_ones()
    {
        JsonObject spec = HardenedPod.Spec();
        spec["securityContext"] = new JsonObject();
        foreach (JsonObject container in new[] { HardenedPod.Sidecar(spec), HardenedPod.App(spec) })
        {
            JsonObject context = container["securityContext"]!.AsObject();
            context["runAsNonRoot"] = true;
            context["seccompProfile"] = new JsonObject { ["type"] = "Localhost", ["localhostProfile"] = "broker.json" };
        }

        Assert.Empty(PodRules.Check(spec));
    }

    [Fact]
    public void A_pod_that_needs_the_API_may_keep_its_token_when_the_options_say_so()
    {
        JsonObject spec = HardenedPod.Spec();
        spec.Remove("automountServiceAccountToken");

        Assert.NotEmpty(PodRules.Check(spec));
        Assert.Empty(PodRules.Check(spec, new PodRuleOptions { NeedsKubernetesApi = true }));
    }

    [Fact]
    public void A_whole_pod_is_checked_with_its_AppArmor_annotations()
    {
        JsonObject pod = new()
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { ["container.apparmor.security.beta.kubernetes.io/app"] = "runtime/default" },
            },
            ["spec"] = HardenedPod.Spec(),
        };

        Assert.Empty(PodRules.CheckPod(pod));
        pod["metadata"]!["annotations"]!["container.apparmor.security.beta.kubernetes.io/app"] = "unconfined";
        Assert.Contains(PodRules.CheckPod(pod), p => p.Contains("container 'app'", StringComparison.Ordinal) && p.Contains("apparmor", StringComparison.Ordinal));
    }
}
