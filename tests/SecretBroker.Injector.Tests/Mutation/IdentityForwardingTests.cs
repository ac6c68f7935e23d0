using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// A pod the cloud identity webhooks mutated before this one: the sidecar (which is what calls the cloud) gets the
/// same identity variables and token mount as the app container, and the app keeps its own.
/// </summary>
public sealed class IdentityForwardingTests
{
    [Theory]
    [InlineData(Fixture.Irsa, "aws-iam-token", "/var/run/secrets/eks.amazonaws.com/serviceaccount", new[] { "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_STS_REGIONAL_ENDPOINTS" })]
    [InlineData(Fixture.EksPodIdentity, "eks-pod-identity-token", "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount", new[] { "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_REGION" })]
    [InlineData(Fixture.AzureWorkloadIdentity, "azure-identity-token", "/var/run/secrets/azure/tokens", new[] { "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST" })]
    public void The_sidecar_gets_the_identity_the_platform_webhook_gave_the_app(string fixture, string volume, string mountPath, string[] variables)
    {
        JsonObject review = Fixture.Load(fixture);
        JsonObject app = Fixture.Pod(review)["spec"]!["containers"]![0]!.AsObject();
        Dictionary<string, string?> appEnv = PodQueries.Env(app);

        JsonObject patched = new InjectorUnderTest().Review(review).PatchedPod!;
        JsonObject sidecar = PodQueries.Container(patched, "secretbroker");
        Dictionary<string, string?> sidecarEnv = PodQueries.Env(sidecar);

        foreach (string variable in variables)
        {
            Assert.Equal(appEnv[variable], sidecarEnv[variable]);
        }

        JsonObject mount = PodQueries.Mount(sidecar, volume)!;
        Assert.Equal(mountPath, (string?)mount["mountPath"]);
        Assert.True((bool)mount["readOnly"]!);
        Assert.DoesNotContain("HF_HOME", sidecarEnv.Keys);
        Assert.NotNull(PodQueries.Mount(PodQueries.Container(patched, (string)app["name"]!), volume));
    }

    [Fact]
    public void A_pod_without_a_platform_identity_gives_the_sidecar_only_its_own_variables()
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.Job)).PatchedPod!;

        Assert.Equal(
            ["SECRETBROKER_POD_NAMESPACE", "SECRETBROKER_POD_NAME", "SECRETBROKER_POD_SERVICE_ACCOUNT"],
            PodQueries.Env(PodQueries.Container(patched, "secretbroker")).Keys);
    }
}
