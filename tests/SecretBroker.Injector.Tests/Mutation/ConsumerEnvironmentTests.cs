using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>App containers learn where the secrets are from env; what a pod (or another webhook) set stays as it was.</summary>
public sealed class ConsumerEnvironmentTests
{
    [Fact]
    public void Each_container_gets_the_socket_the_directory_and_the_servers_uid_but_an_existing_variable_keeps_its_value()
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.Deployment)).PatchedPod!;
        Dictionary<string, string?> env = PodQueries.Env(PodQueries.Container(patched, "vllm"));

        Assert.Equal("/custom/broker.sock", env["SECRETBROKER_SOCKET"]);
        Assert.Equal("/var/run/secretbroker/secrets", env["SECRETBROKER_SECRETS_DIR"]);
        Assert.Equal("65532", env["SECRETBROKER_SOCKET_UID"]);
        Assert.Equal("INFO", env["VLLM_LOGGING_LEVEL"]);
        Assert.Null(env["POD_IP"]);
        JsonObject mount = PodQueries.Mount(PodQueries.Container(patched, "vllm"), "secretbroker")!;
        Assert.Equal("/var/run/secretbroker", (string?)mount["mountPath"]);
        Assert.True((bool)mount["readOnly"]!);
    }

    [Fact]
    public void A_hugging_face_token_adds_hf_token_path_and_hf_home_in_the_sidecars_layout()
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.Deployment)).PatchedPod!;
        Dictionary<string, string?> env = PodQueries.Env(PodQueries.Container(patched, "vllm"));

        Assert.Equal("/var/run/secretbroker/secrets/hf-token", env["HF_TOKEN_PATH"]);
        Assert.Equal("/var/run/secretbroker/secrets/hf", env["HF_HOME"]);
    }

    [Fact]
    public void Without_a_hugging_face_token_there_is_no_hf_variable()
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.Job)).PatchedPod!;
        Dictionary<string, string?> env = PodQueries.Env(PodQueries.Container(patched, "embed"));

        Assert.DoesNotContain("HF_TOKEN_PATH", env.Keys);
        Assert.DoesNotContain("HF_HOME", env.Keys);
        Assert.Equal("/var/run/secretbroker/broker.sock", env["SECRETBROKER_SOCKET"]);
    }

    [Theory]
    [InlineData(Fixture.Irsa, "AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/tgi-secrets-reader")]
    [InlineData(Fixture.Irsa, "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")]
    [InlineData(Fixture.Irsa, "HF_HOME", "/data/hf")]
    [InlineData(Fixture.EksPodIdentity, "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials")]
    [InlineData(Fixture.AzureWorkloadIdentity, "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token")]
    [InlineData(Fixture.AzureWorkloadIdentity, "AZURE_CLIENT_ID", "6e2b1a4c-3d5f-4e7a-9b8c-0d1e2f3a4b5c")]
    public void What_the_cloud_identity_webhooks_injected_is_kept(string fixture, string name, string value)
    {
        JsonObject review = Fixture.Load(fixture);
        string container = (string)Fixture.Pod(review)["spec"]!["containers"]![0]!["name"]!;
        JsonObject patched = new InjectorUnderTest().Review(review).PatchedPod!;
        JsonObject app = PodQueries.Container(patched, container);

        Assert.Equal(value, PodQueries.Env(app)[name]);
        Assert.Single(PodQueries.Env(app).Keys, k => k == name);
        Assert.Equal("/var/run/secretbroker/broker.sock", PodQueries.Env(app)["SECRETBROKER_SOCKET"]);
    }

    [Fact]
    public void Containers_selects_which_containers_and_init_containers_get_the_volume_and_env()
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(Fixture.StatefulSetWithInitContainers)).PatchedPod!;

        Assert.NotNull(PodQueries.Mount(PodQueries.Container(patched, "server"), "secretbroker"));
        Assert.NotNull(PodQueries.Mount(PodQueries.Container(patched, "fetch-model"), "secretbroker"));
        Assert.Equal("/var/run/secretbroker/secrets", PodQueries.Env(PodQueries.Container(patched, "fetch-model"))["SECRETBROKER_SECRETS_DIR"]);
        foreach (string untouched in new[] { "metrics-exporter", "warmup-check" })
        {
            JsonObject container = PodQueries.Container(patched, untouched);
            Assert.Null(PodQueries.Mount(container, "secretbroker"));
            Assert.DoesNotContain("SECRETBROKER_SOCKET", PodQueries.Env(container).Keys);
        }

        Assert.Equal(["secretbroker", "fetch-model", "warmup-check"], patched["spec"]!["initContainers"]!.AsArray().Select(static c => (string)c!["name"]!));
    }
}
