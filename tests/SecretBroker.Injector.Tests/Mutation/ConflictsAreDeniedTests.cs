using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>A pod that already has what the injector would add is denied, never silently overwritten.</summary>
public sealed class ConflictsAreDeniedTests
{
    [Theory]
    [InlineData("secretbroker")]
    [InlineData("secretbroker-token")]
    [InlineData("secretbroker-config")]
    public void A_volume_with_an_injected_name_is_denied(string name)
    {
        JsonObject review = Fixture.Load(Fixture.StatefulSetWithInitContainers);
        Fixture.Pod(review)["spec"]!["volumes"]!.AsArray().Add(new JsonObject { ["name"] = name, ["emptyDir"] = new JsonObject() });

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Contains($"volume '{name}' already exists", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("containers")]
    [InlineData("initContainers")]
    public void A_container_named_like_the_sidecar_is_denied(string list)
    {
        JsonObject review = Fixture.Load(Fixture.StatefulSetWithInitContainers);
        Fixture.Pod(review)["spec"]![list]!.AsArray().Add(new JsonObject { ["name"] = "secretbroker", ["image"] = "busybox" });

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("container 'secretbroker' already exists", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/run/secretbroker")]
    [InlineData("/var/run/secretbroker/")]
    [InlineData("/var/run/secretbroker/secrets")]
    public void A_selected_container_mounting_something_at_the_secrets_path_is_denied(string path)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Pod(review)["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray()
            .Add(new JsonObject { ["name"] = "kube-api-access-8x2kq", ["mountPath"] = path });

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("container 'vllm' already mounts a volume at /var/run/secretbroker", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mount_at_a_parent_directory_is_not_a_conflict()
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Pod(review)["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray()
            .Add(new JsonObject { ["name"] = "kube-api-access-8x2kq", ["mountPath"] = "/var/run/secretbroker-other" });

        Assert.True(new InjectorUnderTest().Review(review).Allowed);
    }

    [Theory]
    [InlineData("{\"emptyDir\": {}}")]
    [InlineData("{\"secret\": {\"secretName\": \"forged-token\"}}")]
    [InlineData("{\"projected\": {\"sources\": [{\"serviceAccountToken\": {\"audience\": \"sts.amazonaws.com\", \"path\": \"azure-identity-token\"}}]}}")]
    [InlineData("{\"projected\": {\"sources\": [{\"serviceAccountToken\": {\"path\": \"azure-identity-token\"}}]}}")]
    [InlineData("{\"projected\": {\"sources\": [{\"serviceAccountToken\": {\"audience\": \"api://AzureADTokenExchange\", \"path\": \"azure-identity-token\"}}, {\"secret\": {\"name\": \"forged\"}}]}}")]
    public void A_foreign_volume_named_like_the_azure_token_is_denied(string source)
    {
        JsonObject review = Fixture.Load(Fixture.AzureWorkloadIdentity);
        JsonArray volumes = Fixture.Pod(review)["spec"]!["volumes"]!.AsArray();
        JsonObject volume = JsonNode.Parse(source)!.AsObject();
        volume["name"] = "azure-identity-token";
        int index = volumes.IndexOf(volumes.Single(v => (string?)v!["name"] == "azure-identity-token"));
        volumes[index] = volume;

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Contains("volume 'azure-identity-token' is not a projected service-account token for api://AzureADTokenExchange", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_azure_webhooks_own_token_volume_is_not_a_conflict()
    {
        Assert.True(new InjectorUnderTest().Review(Fixture.Load(Fixture.AzureWorkloadIdentity)).Allowed);
    }
}
