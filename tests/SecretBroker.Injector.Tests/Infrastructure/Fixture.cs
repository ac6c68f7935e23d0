using System.Text.Json.Nodes;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>The AdmissionReview requests under Fixtures/, shaped as the API server sends them.</summary>
internal static class Fixture
{
    public const string Deployment = "deployment-pod.json";
    public const string StatefulSetWithInitContainers = "statefulset-pod-init-containers.json";
    public const string Job = "job-pod.json";
    public const string Irsa = "irsa-mutated-pod.json";
    public const string EksPodIdentity = "eks-pod-identity-mutated-pod.json";
    public const string AzureWorkloadIdentity = "azure-workload-identity-mutated-pod.json";

    /// <summary>Labelled azure.workload.identity/use, its app skipped, before the Azure webhook has run.</summary>
    public const string AzureWorkloadIdentityLabelled = "azure-workload-identity-labelled-pod.json";

    public static readonly string[] All = [Deployment, StatefulSetWithInitContainers, Job, Irsa, EksPodIdentity, AzureWorkloadIdentity, AzureWorkloadIdentityLabelled];

    public static TheoryData<string> Names => [.. All];

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)))!.AsObject();

    /// <summary>The pod inside a review, to edit before sending.</summary>
    public static JsonObject Pod(JsonObject review) => review["request"]!["object"]!.AsObject();

    public static JsonObject Annotations(JsonObject review) => Pod(review)["metadata"]!["annotations"]!.AsObject();
}
