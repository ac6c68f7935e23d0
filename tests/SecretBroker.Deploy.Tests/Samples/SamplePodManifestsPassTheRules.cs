using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Samples;

/// <summary>
/// The plain pod manifests the samples ship (samples/*/pod.yaml, applied as they are, without kustomize) meet the same
/// bar as the rendered kustomizations: the Kubernetes schema, our pod rules (Pod Security "restricted" field by field,
/// no secret in env, hardening), no API token, and the identity's projected token mounted on the sidecar alone.
/// </summary>
public sealed class SamplePodManifestsPassTheRules
{
    private static readonly string[] Paths = [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples"), "pod.yaml", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p))
        .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Manifests { get; } = [.. Paths];

    [Fact]
    public void The_Azure_and_Vault_samples_are_among_them()
    {
        Assert.Contains("samples/azure/pod.yaml", Paths);
        Assert.Contains("samples/vault/pod.yaml", Paths);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public async Task It_passes_the_Kubernetes_schema(string manifest)
    {
        string yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, manifest));

        Tool.Result result = await SchemaValidator.ValidateAsync(yaml);

        Assert.True(result.ExitCode == SchemaValidator.Valid, $"{manifest}: the schema validator refused it:\n{result.Output}");
        Assert.Equal(YamlDocuments.Parse(yaml).Count, result.Stdout.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public async Task Its_pod_passes_the_pod_rules_and_only_the_sidecar_mounts_a_token(string manifest)
    {
        IReadOnlyList<JsonObject> objects = YamlDocuments.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, manifest)));
        JsonObject workload = Assert.Single(objects, o => PodTemplates.Find(o) is not null);

        IReadOnlyList<string> problems = PodRules.CheckPod(PodTemplates.Find(workload)!);
        Assert.True(problems.Count == 0, $"{manifest}:\n{string.Join('\n', problems)}");
        Assert.All(objects.Where(o => (string?)o["kind"] == "ServiceAccount"), a => Assert.False(a["automountServiceAccountToken"]?.GetValue<bool>() ?? true));

        RenderedPod pod = new(PodTemplates.Find(workload)!);
        string[] tokenVolumes = [.. (pod.Spec["volumes"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["projected"]?["sources"]?.AsArray().Any(s => s?["serviceAccountToken"] is not null) == true)
            .Select(v => (string)v["name"]!)];
        foreach (JsonObject container in pod.Others)
        {
            Assert.DoesNotContain(RenderedPod.Mounts(container), m => tokenVolumes.Contains((string)m["name"]!));
        }
    }
}
