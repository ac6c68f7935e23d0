using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// The injection never makes a pod less safe: against the shared PodRules (Pod Security "restricted" field by field,
/// no secret in env, hardening), a patched pod has no problem its original did not have, and a pod that passed still
/// passes; and the patched pod is still a valid v1 Pod for the Kubernetes schema (kubernetes-models).
/// </summary>
public sealed class PatchedPodsPassThePodRulesTests
{
    [Theory]
    [MemberData(nameof(Fixture.Names), MemberType = typeof(Fixture))]
    public void The_patch_adds_no_problem_to_the_pod(string fixture)
    {
        JsonObject review = Fixture.Load(fixture);
        JsonObject original = Fixture.Pod(review);
        IReadOnlyList<string> before = PodRules.CheckPod(original);

        IReadOnlyList<string> after = PodRules.CheckPod(new InjectorUnderTest().Review(review).PatchedPod!);

        Assert.Empty(after.Except(before));
    }

    [Fact]
    public void A_restricted_pod_stays_restricted_once_injected()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Assert.Empty(PodRules.CheckPod(Fixture.Pod(review)));

        JsonObject patched = new InjectorUnderTest().Review(review).PatchedPod!;

        Assert.Empty(PodRules.CheckPod(patched));
    }

    [Fact]
    public void The_sidecar_alone_would_fail_the_rules_without_its_security_context()
    {
        // Guards the check above: the rules do look at the injected container.
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.Job)).PatchedPod!;
        patched["spec"]!["initContainers"]![0]!.AsObject().Remove("securityContext");

        Assert.Contains(PodRules.CheckPod(patched), p => p.Contains("secretbroker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_patched_pod_is_a_valid_v1_pod_for_the_kubernetes_schema()
    {
        JsonArray pods = [.. Fixture.All.Select(static f => (JsonNode)new InjectorUnderTest().Review(Fixture.Load(f)).PatchedPod!)];
        string documents = string.Join("\n---\n", pods.Select(static p => p!.ToJsonString()));

        Tool.Result result = await SchemaValidator.ValidateAsync(documents);

        Assert.True(result.ExitCode == SchemaValidator.Valid, result.Output);
        Assert.Equal(Fixture.All.Length, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(static l => l.StartsWith("ok v1 Pod", StringComparison.Ordinal)));
    }
}
