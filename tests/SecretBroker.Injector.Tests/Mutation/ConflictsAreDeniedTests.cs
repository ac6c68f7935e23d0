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
}
