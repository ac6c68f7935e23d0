using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Manifests;

/// <summary>sidecar/deploy/injector renders with kubectl kustomize into a webhook that is safe to install.</summary>
public sealed class InjectorManifestsTests
{
    private static readonly Lazy<Task<IReadOnlyList<JsonObject>>> Base = new(() => RenderAsync("base"));
    private static readonly Lazy<Task<IReadOnlyList<JsonObject>>> CertManager = new(() => RenderAsync("overlays/cert-manager"));

    [Fact]
    public async Task The_webhook_asks_only_about_pod_creation_in_labelled_namespaces_over_v1_and_fails_closed()
    {
        JsonObject webhook = Assert.Single(Single(await Base.Value, "MutatingWebhookConfiguration")["webhooks"]!.AsArray())!.AsObject();

        Assert.Equal(["v1"], Strings(webhook["admissionReviewVersions"]));
        Assert.Equal("Fail", (string?)webhook["failurePolicy"]);
        Assert.Equal("None", (string?)webhook["sideEffects"]);
        Assert.Equal("IfNeeded", (string?)webhook["reinvocationPolicy"]);
        Assert.InRange(webhook["timeoutSeconds"]!.GetValue<long>(), 1, 10);
        Assert.Equal("enabled", (string?)webhook["namespaceSelector"]!["matchLabels"]!["secretbroker.io/injection"]);
        Assert.NotNull(webhook["objectSelector"]);
        JsonObject rule = Assert.Single(webhook["rules"]!.AsArray())!.AsObject();
        Assert.Equal(["CREATE"], Strings(rule["operations"]));
        Assert.Equal(["pods"], Strings(rule["resources"]));
        Assert.Equal("/mutate", (string?)webhook["clientConfig"]!["service"]!["path"]);
        Assert.Equal("secretbroker-system", (string?)webhook["clientConfig"]!["service"]!["namespace"]);
    }

    [Fact]
    public async Task The_injector_runs_two_restricted_replicas_with_a_disruption_budget_and_no_api_access()
    {
        IReadOnlyList<JsonObject> objects = await Base.Value;
        JsonObject deployment = Single(objects, "Deployment");

        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(1, Single(objects, "PodDisruptionBudget")["spec"]!["minAvailable"]!.GetValue<long>());
        Assert.Empty(PodRules.CheckPod(deployment["spec"]!["template"]!.AsObject()));
        Assert.False(Single(objects, "ServiceAccount")["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.DoesNotContain(objects, o => ((string?)o["kind"])?.Contains("Role", StringComparison.Ordinal) == true);
        Assert.Empty(Single(objects, "NetworkPolicy")["spec"]!["egress"]!.AsArray());
    }

    [Fact]
    public async Task Every_object_of_the_base_passes_the_kubernetes_schema()
    {
        IReadOnlyList<JsonObject> objects = await Base.Value;

        Tool.Result result = await SchemaValidator.ValidateAsync(string.Join("\n---\n", objects.Select(static o => o.ToJsonString())));

        Assert.True(result.ExitCode == SchemaValidator.Valid, result.Output);
    }

    [Fact]
    public async Task The_cert_manager_overlay_issues_the_serving_secret_and_injects_its_ca()
    {
        IReadOnlyList<JsonObject> objects = await CertManager.Value;
        JsonObject serving = Assert.Single(objects, o => (string?)o["kind"] == "Certificate" && (string?)o["metadata"]!["name"] == "secretbroker-injector");
        JsonObject deployment = Single(objects, "Deployment");

        Assert.Equal("secretbroker-system", (string?)serving["metadata"]!["namespace"]);
        Assert.Contains("secretbroker-injector.secretbroker-system.svc", Strings(serving["spec"]!["dnsNames"]));
        string secret = (string)serving["spec"]!["secretName"]!;
        Assert.Contains(deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray(), v => (string?)v!["secret"]?["secretName"] == secret);
        Assert.Equal(
            "secretbroker-system/secretbroker-injector",
            (string?)Single(objects, "MutatingWebhookConfiguration")["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]);
    }

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(string name) =>
        YamlDocuments.Parse(await Kustomize.RenderAsync(Path.Combine(RepositoryPaths.Deploy, "injector", name)));

    private static JsonObject Single(IReadOnlyList<JsonObject> objects, string kind) => Assert.Single(objects, o => (string?)o["kind"] == kind);

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(static n => (string)n!)];
}
