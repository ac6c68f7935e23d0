using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>Our own rules (Pod Security restricted field by field, no secret in env, hardening) over every rendered pod.</summary>
public sealed class RenderedPodsPassThePodRules
{
    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task Every_pod_template_passes(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);
        JsonObject[] withPods = [.. rendering.Objects.Where(o => PodTemplates.Find(o) is not null)];

        Assert.NotEmpty(withPods);
        foreach (JsonObject workload in withPods)
        {
            IReadOnlyList<string> problems = PodRules.CheckPod(PodTemplates.Find(workload)!);
            Assert.True(problems.Count == 0, $"{name}: {workload["kind"]} {workload["metadata"]!["name"]}:\n{string.Join('\n', problems)}");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task No_service_account_automounts_an_API_token(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);

        Assert.All(rendering.OfKind("ServiceAccount"), account => Assert.False(account["automountServiceAccountToken"]?.GetValue<bool>() ?? true));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task The_sidecar_runs_as_65532_with_a_read_only_root_and_nothing_else(string name)
    {
        JsonObject context = RenderedPod.Of(await RenderedManifests.RenderAsync(name)).Sidecar["securityContext"]!.AsObject();

        Assert.Equal(65532, context["runAsUser"]!.GetValue<long>());
        Assert.Equal(65532, context["runAsGroup"]!.GetValue<long>());
        Assert.True(context["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(context["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(context["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], RenderedPod.Strings(context["capabilities"]!["drop"]));
        Assert.Null(context["capabilities"]!["add"]);
        Assert.Equal("RuntimeDefault", (string?)context["seccompProfile"]!["type"]);
    }
}
