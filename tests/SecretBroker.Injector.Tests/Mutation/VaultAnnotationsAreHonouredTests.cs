using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// With --vault-annotations, a pod asking the Vault Agent injector for an agent gets the secretbroker sidecar instead,
/// configured from its annotations as `secretbroker convert vault-annotations` would, files where Vault Agent wrote them,
/// Vault's token on the sidecar alone, and the Vault injector told to add nothing.
/// </summary>
public sealed class VaultAnnotationsAreHonouredTests
{
    [Fact]
    public void A_vault_annotated_pod_gets_the_sidecar_with_a_config_converted_from_its_annotations()
    {
        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(VaultPods.Review());

        Assert.True(answer.Allowed, answer.Message);
        Assert.All(answer.Patch!, static op => Assert.Equal("add", (string?)op!["op"]));
        JsonObject patched = answer.PatchedPod!;
        JsonObject sidecar = patched["spec"]!["initContainers"]![0]!.AsObject();
        Assert.Equal("secretbroker", (string?)sidecar["name"]);
        Assert.Equal("Always", (string?)sidecar["restartPolicy"]);
        Assert.Equal(["run", "--config", "/etc/secretbroker/secretbroker.yaml"], sidecar["args"]!.AsArray().Select(static n => (string)n!));

        string config = VaultPods.Config(patched);
        Assert.Contains("secretbroker-injector --vault-annotations", config, StringComparison.Ordinal);
        Assert.Contains("    type: vault\n", config, StringComparison.Ordinal);
        Assert.Contains($"    address: \"{VaultPods.Address}\"\n", config, StringComparison.Ordinal);
        Assert.Contains("      method: kubernetes\n      role: \"inference\"\n", config, StringComparison.Ordinal);
        Assert.Contains("      tokenFile: \"/var/run/secrets/vault/token\"\n", config, StringComparison.Ordinal);
        Assert.Contains("  - name: \"config\"", config, StringComparison.Ordinal);
        Assert.Contains("    id: \"secret/data/inference/config\"\n", config, StringComparison.Ordinal);
        Assert.Contains("  - name: \"db-creds\"", config, StringComparison.Ordinal);
        Assert.Contains("    id: \"database/creds/inference\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    dir: \"/vault/secrets\"", config, StringComparison.Ordinal);
        Assert.Contains("    group: 2000", config, StringComparison.Ordinal);
        Assert.Contains("    path: \"/var/run/secretbroker/broker.sock\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    allowUids: [1000]\n", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vault.hashicorp.com/")]
    [InlineData("openbao.org/")]
    public void The_pod_is_marked_injected_and_its_agent_inject_turned_off_for_the_vault_injector(string prefix)
    {
        JsonObject annotations = VaultPods.Injector().Review(VaultPods.Review(prefix)).PatchedPod!["metadata"]!["annotations"]!.AsObject();

        Assert.Equal("false", (string?)annotations[prefix + "agent-inject"]);
        Assert.Equal("injected", (string?)annotations["secretbroker.io/inject-status"]);
        Assert.Contains(prefix == "openbao.org/" ? "  openbao:\n    type: vault\n" : "  vault:\n    type: vault\n", (string)annotations["injector.secretbroker.io/config"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_files_are_where_vault_agent_wrote_them_read_only_for_the_app_and_writable_for_the_sidecar()
    {
        JsonObject patched = VaultPods.Injector().Review(VaultPods.Review()).PatchedPod!;

        JsonObject volume = VaultPods.Volume(patched, "secretbroker-vault-secrets");
        Assert.Equal("Memory", (string?)volume["emptyDir"]!["medium"]);
        JsonObject app = PodQueries.Mount(PodQueries.Container(patched, "vllm"), "secretbroker-vault-secrets")!;
        Assert.Equal("/vault/secrets", (string?)app["mountPath"]);
        Assert.True((bool?)app["readOnly"]);
        JsonObject sidecar = PodQueries.Mount(PodQueries.Container(patched, "secretbroker"), "secretbroker-vault-secrets")!;
        Assert.Equal("/vault/secrets", (string?)sidecar["mountPath"]);
        Assert.Null((bool?)sidecar["readOnly"]);
        Assert.Equal("/vault/secrets", PodQueries.Env(PodQueries.Container(patched, "vllm"))["SECRETBROKER_SECRETS_DIR"]);
    }

    [Fact]
    public void Secret_volume_path_moves_the_files_the_mounts_and_the_config()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/secret-volume-path"] = "/etc/app/secrets";

        JsonObject patched = VaultPods.Injector().Review(review).PatchedPod!;

        Assert.Contains("    dir: \"/etc/app/secrets\"", VaultPods.Config(patched), StringComparison.Ordinal);
        Assert.Equal("/etc/app/secrets", (string?)PodQueries.Mount(PodQueries.Container(patched, "vllm"), "secretbroker-vault-secrets")!["mountPath"]);
        Assert.Equal("/etc/app/secrets", (string?)PodQueries.Mount(PodQueries.Container(patched, "secretbroker"), "secretbroker-vault-secrets")!["mountPath"]);
    }

    [Fact]
    public void The_token_for_vault_is_projected_for_the_audience_vault_and_mounted_on_the_sidecar_only()
    {
        JsonObject patched = VaultPods.Injector().Review(VaultPods.Review()).PatchedPod!;

        JsonObject token = VaultPods.Volume(patched, "secretbroker-vault-token")["projected"]!["sources"]![0]!["serviceAccountToken"]!.AsObject();
        Assert.Equal("vault", (string?)token["audience"]);
        Assert.Equal("/var/run/secrets/vault", (string?)PodQueries.Mount(PodQueries.Container(patched, "secretbroker"), "secretbroker-vault-token")!["mountPath"]);
        Assert.Null(PodQueries.Mount(PodQueries.Container(patched, "vllm"), "secretbroker-vault-token"));
    }

    [Fact]
    public void Without_a_service_annotation_the_injectors_vault_address_is_used()
    {
        InjectorUnderTest.Answer answer = VaultPods.Injector("https://vault.example.com:8200").Review(VaultPods.Review(service: false));

        Assert.True(answer.Allowed, answer.Message);
        Assert.Contains("    address: \"https://vault.example.com:8200\"\n", VaultPods.Config(answer.PatchedPod!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pods_service_annotation_wins_over_the_injectors_vault_address()
    {
        InjectorUnderTest.Answer answer = VaultPods.Injector("https://vault.example.com:8200").Review(VaultPods.Review());

        Assert.Contains($"    address: \"{VaultPods.Address}\"\n", VaultPods.Config(answer.PatchedPod!), StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_secret_is_mounted_at_vault_tls_in_the_sidecar_as_vault_agent_had_it()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/tls-secret"] = "vault-ca";
        Fixture.Annotations(review)["vault.hashicorp.com/ca-cert"] = "/vault/tls/ca.crt";

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.Equal("vault-ca", (string?)VaultPods.Volume(answer.PatchedPod!, "secretbroker-vault-tls")["secret"]!["secretName"]);
        Assert.Equal("/vault/tls", (string?)PodQueries.Mount(PodQueries.Container(answer.PatchedPod!, "secretbroker"), "secretbroker-vault-tls")!["mountPath"]);
        Assert.Null(PodQueries.Mount(PodQueries.Container(answer.PatchedPod!, "vllm"), "secretbroker-vault-tls"));
        Assert.Contains("    caFile: \"/vault/tls/ca.crt\"\n", VaultPods.Config(answer.PatchedPod!), StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Warnings, static w => w.Contains("ca-cert", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ca_cert_the_sidecar_cannot_see_is_a_warning()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/ca-cert"] = "/etc/ssl/vault/ca.crt";

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.True(answer.Allowed, answer.Message);
        Assert.Contains(answer.Warnings, static w => w.Contains("vault.hashicorp.com/ca-cert names /etc/ssl/vault/ca.crt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_file_of_the_pods_own_is_kept_with_a_warning_that_the_sidecar_must_mount_it()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/auth-config-token-path"] = "/var/run/secrets/custom/token";

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.True(answer.Allowed, answer.Message);
        Assert.Contains("      tokenFile: \"/var/run/secrets/custom/token\"\n", VaultPods.Config(answer.PatchedPod!), StringComparison.Ordinal);
        Assert.Contains(answer.Warnings, static w => w.Contains("names /var/run/secrets/custom/token, which the secretbroker container must mount itself", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secretbroker_pod_that_also_asks_for_vault_agent_is_injected_from_its_own_annotations_with_a_warning()
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Annotations(review)["vault.hashicorp.com/agent-inject"] = "true";

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.True(answer.Allowed, answer.Message);
        Assert.DoesNotContain("type: vault", VaultPods.Config(answer.PatchedPod!), StringComparison.Ordinal);
        Assert.Equal("true", (string?)answer.PatchedPod!["metadata"]!["annotations"]!["vault.hashicorp.com/agent-inject"]);
        Assert.Contains(answer.Warnings, static w => w.Contains("also asks for Vault Agent (vault.hashicorp.com/agent-inject)", StringComparison.Ordinal));
    }

    [Fact]
    public void Pre_populate_only_runs_secretbroker_once_as_a_plain_init_container_without_a_socket()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/agent-pre-populate-only"] = "true";

        JsonObject patched = VaultPods.Injector().Review(review).PatchedPod!;

        JsonObject init = patched["spec"]!["initContainers"]![0]!.AsObject();
        Assert.Equal("secretbroker", (string?)init["name"]);
        Assert.Null(init["restartPolicy"]);
        Assert.Null(init["startupProbe"]);
        Assert.Equal(["run", "--once", "--config", "/etc/secretbroker/secretbroker.yaml"], init["args"]!.AsArray().Select(static n => (string)n!));
        Assert.DoesNotContain("  socket:", VaultPods.Config(patched), StringComparison.Ordinal);
        Dictionary<string, string?> env = PodQueries.Env(PodQueries.Container(patched, "vllm"));
        Assert.False(env.ContainsKey("SECRETBROKER_SOCKET_UID"));
        Assert.Equal("/vault/secrets", env["SECRETBROKER_SECRETS_DIR"]);
    }

    [Fact]
    public void Agent_inject_containers_chooses_which_containers_get_the_files()
    {
        JsonObject review = VaultPods.Review();
        JsonArray containers = Fixture.Pod(review)["spec"]!["containers"]!.AsArray();
        JsonObject worker = containers[0]!.DeepClone().AsObject();
        worker["name"] = "metrics";
        containers.Add(worker);
        Fixture.Annotations(review)["vault.hashicorp.com/agent-inject-containers"] = "vllm";

        JsonObject patched = VaultPods.Injector().Review(review).PatchedPod!;

        Assert.NotNull(PodQueries.Mount(PodQueries.Container(patched, "vllm"), "secretbroker-vault-secrets"));
        Assert.Null(PodQueries.Mount(PodQueries.Container(patched, "metrics"), "secretbroker-vault-secrets"));
        Assert.DoesNotContain("agent-inject-containers", VaultPods.Config(patched), StringComparison.Ordinal);
    }

    [Fact]
    public void An_injected_pod_sent_again_is_allowed_unchanged()
    {
        InjectorUnderTest injector = VaultPods.Injector();
        JsonObject review = VaultPods.Review();
        review["request"]!["object"] = injector.Review(review).PatchedPod!;

        InjectorUnderTest.Answer again = injector.Review(review);

        Assert.True(again.Allowed);
        Assert.Null(again.Patch);
    }

    [Fact]
    public void A_pod_the_vault_injector_already_injected_is_left_to_it()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/agent-inject-status"] = "injected";

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("False")]
    public void A_pod_whose_agent_inject_is_false_is_untouched(string value)
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/agent-inject"] = value;

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
    }

    [Fact]
    public void Secretbroker_inject_false_keeps_a_pod_on_vault_agent()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["secretbroker.io/inject"] = "false";

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
    }
}
