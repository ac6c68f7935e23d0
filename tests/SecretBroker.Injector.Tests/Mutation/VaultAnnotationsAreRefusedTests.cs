using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// With --vault-annotations, what `secretbroker convert vault-annotations` refuses denies the pod, each problem naming
/// its annotation in the converter's words, and no patch; and with the flag off Vault annotations are not read at all.
/// </summary>
public sealed class VaultAnnotationsAreRefusedTests
{
    [Theory]
    [InlineData("vault.hashicorp.com/agent-inject-template-config", "{{ with secret \"secret/data/inference/config\" }}{{ .Data.data.url }}{{ end }}", "annotation vault.hashicorp.com/agent-inject-template-config: templates are not supported")]
    [InlineData("vault.hashicorp.com/tls-skip-verify", "true", "annotation vault.hashicorp.com/tls-skip-verify: secretbroker never turns TLS verification off")]
    [InlineData("vault.hashicorp.com/agent-inject-command-config", "kill -HUP 1", "annotation vault.hashicorp.com/agent-inject-command-config: running a command after rendering is not supported")]
    [InlineData("vault.hashicorp.com/agent-inject-token", "true", "annotation vault.hashicorp.com/agent-inject-token: writing the Vault token to a file is not supported")]
    [InlineData("vault.hashicorp.com/agent-configmap", "agent-config", "annotation vault.hashicorp.com/agent-configmap: a Vault Agent config from a ConfigMap cannot be converted")]
    [InlineData("vault.hashicorp.com/auth-type", "approle", "annotation vault.hashicorp.com/auth-type: auth type 'approle' is not supported")]
    [InlineData("vault.hashicorp.com/service", "http://vault.vault.svc:8200", "annotation vault.hashicorp.com/service: 'http://vault.vault.svc:8200' is not an https URL")]
    [InlineData("vault.hashicorp.com/agent-inject-perms-config", "0644", "annotation vault.hashicorp.com/agent-inject-perms-config: '0644' grants permissions to others")]
    [InlineData("vault.hashicorp.com/agent-inject-file-other", "other.json", "annotation vault.hashicorp.com/agent-inject-file-other: no vault.hashicorp.com/agent-inject-secret-other names this secret")]
    [InlineData("vault.hashicorp.com/agent-inject-secret-Bad", "/secret/data/x", "annotation vault.hashicorp.com/agent-inject-secret-Bad: '/secret/data/x' is not a Vault API path")]
    [InlineData("vault.hashicorp.com/no-such-setting", "1", "annotation vault.hashicorp.com/no-such-setting: not supported by secretbroker convert")]
    [InlineData("vault.hashicorp.com/agent-inject", "yes", "annotation vault.hashicorp.com/agent-inject: 'yes' is not true or false")]
    [InlineData("openbao.org/role", "inference", "annotation openbao.org/role: the pod mixes vault.hashicorp.com/ and openbao.org/ annotations")]
    [InlineData("vault.hashicorp.com/secret-volume-path", "/var/run/secretbroker/vault", "annotation vault.hashicorp.com/secret-volume-path: '/var/run/secretbroker/vault' overlaps /var/run/secretbroker")]
    [InlineData("secretbroker.io/inject-status", "pending", "annotation secretbroker.io/inject-status: is written by the injector")]
    [InlineData("vault.hashicorp.com/agent-inject-containers", "vllm,worker", "annotation vault.hashicorp.com/agent-inject-containers: the pod has no container 'worker'")]
    public void The_pod_is_denied_and_the_message_names_the_annotation(string key, string value, string expected)
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)[key] = value;

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.False(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Contains(expected, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_named_in_one_denial()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/agent-inject-template-config"] = "{{ . }}";
        Fixture.Annotations(review)["vault.hashicorp.com/tls-skip-verify"] = "true";

        string message = VaultPods.Injector().Review(review).Message!;

        Assert.Contains("vault.hashicorp.com/agent-inject-template-config", message, StringComparison.Ordinal);
        Assert.Contains("vault.hashicorp.com/tls-skip-verify", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_service_annotation_or_a_vault_address_the_pod_is_denied_saying_how_to_give_one()
    {
        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(VaultPods.Review(service: false));

        Assert.False(answer.Allowed);
        Assert.Contains("annotation vault.hashicorp.com/service: not set, and the injector has no --vault-address", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_without_a_role_is_denied()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review).Remove("vault.hashicorp.com/role");

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("annotation vault.hashicorp.com/role: required", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_volume_named_like_the_vault_volumes_is_denied()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Pod(review)["spec"]!["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "secretbroker-vault-secrets", ["emptyDir"] = new JsonObject() });

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("volume 'secretbroker-vault-secrets' already exists", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_container_already_mounting_the_vault_directory_is_denied()
    {
        JsonObject review = VaultPods.Review();
        JsonObject spec = Fixture.Pod(review)["spec"]!.AsObject();
        spec["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "vault-secrets", ["emptyDir"] = new JsonObject() });
        spec["containers"]![0]!["volumeMounts"]!.AsArray().Add(new JsonObject { ["name"] = "vault-secrets", ["mountPath"] = "/vault/secrets" });

        InjectorUnderTest.Answer answer = VaultPods.Injector().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("container 'vllm' already mounts a volume at or around /vault/secrets", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vault.hashicorp.com/")]
    [InlineData("openbao.org/")]
    public void With_the_flag_off_vault_annotations_are_ignored_as_before(string prefix)
    {
        JsonObject review = VaultPods.Review(prefix);
        Fixture.Annotations(review)[prefix + "agent-inject-template-config"] = "{{ . }}";
        InjectorUnderTest injector = new();

        InjectorUnderTest.Answer answer = injector.Review(review);

        Assert.False(injector.Settings.HonorVaultAnnotations);
        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Null(answer.Message);
        Assert.Contains("NotRequested", injector.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_flag_off_a_secretbroker_pod_that_also_has_vault_annotations_is_injected_as_before()
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Annotations(review)["vault.hashicorp.com/agent-inject"] = "true";
        Fixture.Annotations(review)["vault.hashicorp.com/tls-skip-verify"] = "true";

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.True(answer.Allowed, answer.Message);
        JsonObject annotations = answer.PatchedPod!["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("true", (string?)annotations["vault.hashicorp.com/agent-inject"]);
        Assert.DoesNotContain("type: vault", (string)annotations["injector.secretbroker.io/config"]!, StringComparison.Ordinal);
    }
}
