using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// Pods labelled azure.workload.identity/use: the sidecar gets the Entra identity whether the Azure webhook ran before
/// the injector (its env is followed, wherever its token is mounted) or not yet (the sidecar gets its own token), and
/// whoever else would hold the identity is named in a warning.
/// </summary>
public sealed class AzureWorkloadIdentityTests
{
    private const string OwnTokenFile = "/var/run/secrets/azure/tokens/azure-identity-token";

    [Fact]
    public void The_sidecar_follows_the_token_file_variable_to_the_mount_webhook_1_6_moved_it_to()
    {
        JsonObject review = Fixture.Load(Fixture.AzureWorkloadIdentity);
        JsonObject spec = Fixture.Pod(review)["spec"]!.AsObject();
        JsonObject volume = spec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "azure-identity-token")!.AsObject();
        volume["name"] = "azure-workload-identity-reserved-3f1c2b";
        volume["projected"]!["sources"]![0]!["serviceAccountToken"]!["path"] = "token/azure-identity-token";
        JsonObject app = spec["containers"]![0]!.AsObject();
        app["env"]!.AsArray().Single(e => (string?)e!["name"] == "AZURE_FEDERATED_TOKEN_FILE")!["value"] = "/var/run/secrets/azure/wi/token/azure-identity-token";
        JsonObject mount = app["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "azure-identity-token")!.AsObject();
        mount["name"] = "azure-workload-identity-reserved-3f1c2b";
        mount["mountPath"] = "/var/run/secrets/azure/wi";

        JsonObject patched = new InjectorUnderTest().Review(review).PatchedPod!;
        JsonObject sidecar = PodQueries.Container(patched, "secretbroker");

        Assert.Equal("/var/run/secrets/azure/wi/token/azure-identity-token", PodQueries.Env(sidecar)["AZURE_FEDERATED_TOKEN_FILE"]);
        Assert.Equal("/var/run/secrets/azure/wi", (string?)PodQueries.Mount(sidecar, "azure-workload-identity-reserved-3f1c2b")!["mountPath"]);
        Assert.Null(PodQueries.Mount(sidecar, "azure-identity-token"));
        Assert.DoesNotContain(patched["spec"]!["volumes"]!.AsArray(), v => (string?)v!["name"] == "azure-identity-token");
    }

    [Fact]
    public void Before_the_webhook_runs_the_sidecar_gets_its_own_entra_token_and_the_app_nothing()
    {
        JsonObject review = LabelledJob();

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);
        JsonObject patched = answer.PatchedPod!;
        JsonObject sidecar = PodQueries.Container(patched, "secretbroker");
        Dictionary<string, string?> env = PodQueries.Env(sidecar);

        JsonObject token = TokenProjection(patched);
        Assert.Equal("api://AzureADTokenExchange", (string?)token["audience"]);
        Assert.Equal(3600, token["expirationSeconds"]!.GetValue<long>());
        Assert.Equal("azure-identity-token", (string?)token["path"]);
        JsonObject mount = PodQueries.Mount(sidecar, "azure-identity-token")!;
        Assert.Equal("/var/run/secrets/azure/tokens", (string?)mount["mountPath"]);
        Assert.True((bool)mount["readOnly"]!);
        Assert.Equal(OwnTokenFile, env["AZURE_FEDERATED_TOKEN_FILE"]);
        Assert.Equal("https://login.microsoftonline.com/", env["AZURE_AUTHORITY_HOST"]);
        // The ids are the ServiceAccount's, which the review does not carry: the webhook adds them (it only adds what
        // a container lacks), so nothing here may pre-empt them with a guess.
        Assert.DoesNotContain("AZURE_CLIENT_ID", env.Keys);
        Assert.DoesNotContain("AZURE_TENANT_ID", env.Keys);

        JsonObject app = PodQueries.Container(patched, "embed");
        Assert.Null(PodQueries.Mount(app, "azure-identity-token"));
        Assert.DoesNotContain(PodQueries.Env(app).Keys, n => n.StartsWith("AZURE_", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sidecars_own_token_has_the_shape_of_the_webhooks_so_a_later_webhook_run_writes_the_same_volume()
    {
        JsonObject webhookVolume = Fixture.Pod(Fixture.Load(Fixture.AzureWorkloadIdentity))["spec"]!["volumes"]!.AsArray()
            .Single(v => (string?)v!["name"] == "azure-identity-token")!["projected"]!["sources"]![0]!["serviceAccountToken"]!.AsObject();

        JsonObject ours = TokenProjection(new InjectorUnderTest().Review(LabelledJob()).PatchedPod!);

        Assert.True(JsonNode.DeepEquals(webhookVolume, ours), $"webhook {webhookVolume.ToJsonString()} vs ours {ours.ToJsonString()}");
    }

    [Theory]
    [InlineData("7200", 7200, false)]
    [InlineData("86400", 86400, false)]
    [InlineData("600", 3600, true)]
    [InlineData("172800", 86400, true)]
    [InlineData("one-day", 3600, true)]
    public void The_token_expiration_annotation_is_honoured_within_the_webhooks_bounds(string annotation, long expected, bool warned)
    {
        JsonObject review = LabelledJob();
        Fixture.Annotations(review)["azure.workload.identity/service-account-token-expiration"] = annotation;

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.Equal(expected, TokenProjection(answer.PatchedPod!)["expirationSeconds"]!.GetValue<long>());
        Assert.Equal(warned, answer.Warnings.Any(w => w.Contains("service-account-token-expiration", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_webhook_volume_already_in_the_pod_is_mounted_rather_than_duplicated()
    {
        // The webhook ran first with every app container skipped: it added its volume but gave nobody the variables.
        JsonObject review = LabelledJob();
        Fixture.Annotations(review)["azure.workload.identity/skip-containers"] = "embed";
        JsonObject spec = Fixture.Pod(review)["spec"]!.AsObject();
        spec["volumes"] ??= new JsonArray();
        spec["volumes"]!.AsArray().Add(EntraTokenVolume("azure-identity-token", "azure-identity-token"));

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);
        JsonObject patched = answer.PatchedPod!;

        Assert.Single(patched["spec"]!["volumes"]!.AsArray(), v => (string?)v!["name"] == "azure-identity-token");
        Assert.NotNull(PodQueries.Mount(PodQueries.Container(patched, "secretbroker"), "azure-identity-token"));
        Assert.Equal(OwnTokenFile, PodQueries.Env(PodQueries.Container(patched, "secretbroker"))["AZURE_FEDERATED_TOKEN_FILE"]);
        Assert.DoesNotContain(answer.Warnings, w => w.Contains("Azure workload identity", StringComparison.Ordinal));
    }

    [Fact]
    public void A_labelled_pod_with_its_app_skipped_gets_the_token_on_the_sidecar_only_and_no_warning()
    {
        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(Fixture.Load(Fixture.AzureWorkloadIdentityLabelled));
        JsonObject patched = answer.PatchedPod!;

        Assert.Equal(7200, TokenProjection(patched)["expirationSeconds"]!.GetValue<long>());
        Assert.Equal(OwnTokenFile, PodQueries.Env(PodQueries.Container(patched, "secretbroker"))["AZURE_FEDERATED_TOKEN_FILE"]);
        Assert.Null(PodQueries.Mount(PodQueries.Container(patched, "embedder"), "azure-identity-token"));
        Assert.DoesNotContain(answer.Warnings, w => w.Contains("Azure", StringComparison.Ordinal));
    }

    [Fact]
    public void The_authority_comes_from_the_injectors_settings()
    {
        InjectorUnderTest injector = new(azureAuthorityHost: "https://login.microsoftonline.us/");

        JsonObject sidecar = PodQueries.Container(injector.Review(LabelledJob()).PatchedPod!, "secretbroker");

        Assert.Equal("https://login.microsoftonline.us/", PodQueries.Env(sidecar)["AZURE_AUTHORITY_HOST"]);
    }

    [Fact]
    public void An_unlabelled_pod_without_an_identity_gets_no_azure_token()
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.Job)).PatchedPod!;

        Assert.DoesNotContain(patched["spec"]!["volumes"]!.AsArray(), v => (string?)v!["name"] == "azure-identity-token");
        Assert.DoesNotContain(PodQueries.Env(PodQueries.Container(patched, "secretbroker")).Keys, n => n.StartsWith("AZURE_", StringComparison.Ordinal));
    }

    private static JsonObject LabelledJob()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        JsonObject metadata = Fixture.Pod(review)["metadata"]!.AsObject();
        metadata["labels"] ??= new JsonObject();
        metadata["labels"]!["azure.workload.identity/use"] = "true";
        return review;
    }

    private static JsonObject TokenProjection(JsonObject patched) =>
        Assert.Single(patched["spec"]!["volumes"]!.AsArray(), v => (string?)v!["name"] == "azure-identity-token")!
            ["projected"]!["sources"]!.AsArray().Single()!["serviceAccountToken"]!.AsObject();

    internal static JsonObject EntraTokenVolume(string name, string path, string audience = "api://AzureADTokenExchange") => new()
    {
        ["name"] = name,
        ["projected"] = new JsonObject
        {
            ["sources"] = new JsonArray(new JsonObject
            {
                ["serviceAccountToken"] = new JsonObject { ["audience"] = audience, ["expirationSeconds"] = 3600, ["path"] = path },
            }),
        },
    };
}
