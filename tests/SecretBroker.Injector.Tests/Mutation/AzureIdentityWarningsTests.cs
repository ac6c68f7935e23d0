using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// The broker exists so the app holds no cloud identity: app containers that hold the Azure one (or will, the pod
/// being labelled) and are not in azure.workload.identity/skip-containers are named in an admission warning.
/// </summary>
public sealed class AzureIdentityWarningsTests
{
    [Fact]
    public void An_app_container_the_webhook_gave_the_identity_is_named_with_the_annotation_to_set()
    {
        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(Fixture.Load(Fixture.AzureWorkloadIdentity));

        Assert.True(answer.Allowed);
        string warning = Assert.Single(answer.Warnings, w => w.Contains("Azure workload identity", StringComparison.Ordinal));
        Assert.Contains("embedder also get the Azure workload identity", warning, StringComparison.Ordinal);
        Assert.Contains("azure.workload.identity/skip-containers: \"embedder\"", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("secretbroker", warning.Replace("secretbroker: ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_labelled_pod_is_warned_about_before_the_webhook_has_run_too()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Fixture.Pod(review)["metadata"]!["labels"]!["azure.workload.identity/use"] = "true";

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.Contains(answer.Warnings, w => w.Contains("embed also get the Azure workload identity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("embedder")]
    [InlineData(" embedder ; secretbroker-helper")]
    public void Containers_listed_in_skip_containers_are_not_warned_about(string skip)
    {
        JsonObject review = Fixture.Load(Fixture.AzureWorkloadIdentity);
        Fixture.Annotations(review)["azure.workload.identity/skip-containers"] = skip;

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.DoesNotContain(answer.Warnings, w => w.Contains("Azure workload identity", StringComparison.Ordinal));
    }

    [Fact]
    public void Skipping_the_sidecar_too_is_warned_about_since_it_then_gets_no_client_id()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Fixture.Pod(review)["metadata"]!["labels"]!["azure.workload.identity/use"] = "true";
        Fixture.Annotations(review)["azure.workload.identity/skip-containers"] = "embed;secretbroker";

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.Contains(answer.Warnings, w => w.Contains("names the sidecar", StringComparison.Ordinal) && w.Contains("clientId and tenantId", StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Warnings, w => w.Contains("also get the Azure workload identity", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pod_without_azure_identity_gets_no_azure_warning()
    {
        Assert.DoesNotContain(new InjectorUnderTest().Review(Fixture.Load(Fixture.Irsa)).Warnings, w => w.Contains("Azure", StringComparison.Ordinal));
    }

    [Fact]
    public void No_warning_holds_an_id_or_a_path_of_the_identity()
    {
        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(Fixture.Load(Fixture.AzureWorkloadIdentity));

        Assert.All(answer.Warnings, w => Assert.DoesNotContain("6e2b1a4c", w, StringComparison.Ordinal));
    }
}
