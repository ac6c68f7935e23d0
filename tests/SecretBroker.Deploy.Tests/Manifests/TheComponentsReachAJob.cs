using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>The identity components patch every labelled workload kind with a pod template, not only Deployments.</summary>
public sealed class TheComponentsReachAJob
{
    [Theory]
    [InlineData("job-irsa", "aws-iam-token", "AWS_WEB_IDENTITY_TOKEN_FILE")]
    [InlineData("job-pod-identity", "eks-pod-identity-token", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")]
    [InlineData("job-azure-workload-identity", "azure-identity-token", "AZURE_FEDERATED_TOKEN_FILE")]
    public async Task Its_sidecar_gets_the_token_and_the_app_nothing(string fixture, string tokenVolume, string tokenVariable)
    {
        string directory = Path.Combine(RepositoryPaths.Root, "tests", "SecretBroker.Deploy.Tests", "Fixtures", fixture);
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(directory);
        RenderedPod pod = new(PodTemplates.Find(rendering.Single("Job"))!);

        Assert.NotNull(pod.Volume(tokenVolume)["projected"]);
        Assert.NotNull(RenderedPod.Mount(pod.Sidecar, tokenVolume));
        Assert.NotNull(RenderedPod.Env(pod.Sidecar, tokenVariable));
        JsonObject app = Assert.Single(pod.Others);
        Assert.Empty(RenderedPod.EnvNames(app));
        Assert.Empty(RenderedPod.Mounts(app));
    }
}
