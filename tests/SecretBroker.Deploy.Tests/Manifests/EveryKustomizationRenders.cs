using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

public sealed class EveryKustomizationRenders
{
    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task With_kubectl_kustomize_into_the_workload_its_account_config_and_network_policy(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);

        Assert.Single(rendering.OfKind("Deployment"));
        Assert.Single(rendering.OfKind("ServiceAccount"));
        Assert.Single(rendering.OfKind("ConfigMap"));
        Assert.Single(rendering.OfKind("NetworkPolicy"));
    }

    [Fact]
    public void Every_component_is_rendered_by_an_example_overlay()
    {
        string[] components = Directory.GetDirectories(Path.Combine(RepositoryPaths.Deploy, "components")).Select(Path.GetFileName).ToArray()!;
        string overlays = string.Join('\n', Directory.GetFiles(Path.Combine(RepositoryPaths.Deploy, "overlays"), "kustomization.yaml", SearchOption.AllDirectories).Select(File.ReadAllText));

        Assert.Contains("irsa", components);
        Assert.Contains("pod-identity", components);
        Assert.Contains("azure-workload-identity", components);
        Assert.Contains("vault", components);
        foreach (string component in components)
        {
            Assert.Contains($"../../components/{component}\n", overlays, StringComparison.Ordinal);
        }
    }
}
