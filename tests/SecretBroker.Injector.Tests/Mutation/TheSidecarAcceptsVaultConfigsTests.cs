using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// A pod converted from its Vault annotations end to end: the config the injector wrote passes the real sidecar's own
/// validation (`secretbroker check` gets past the config and stops at the missing tmpfs, as for generated configs), and
/// the patched pod passes the pod rules and the Kubernetes schema.
/// </summary>
public sealed class TheSidecarAcceptsVaultConfigsTests
{
    [Theory]
    [InlineData("vault.hashicorp.com/", false)]
    [InlineData("openbao.org/", false)]
    [InlineData("vault.hashicorp.com/", true)]
    public async Task The_converted_config_is_valid_for_the_sidecar(string prefix, bool everything)
    {
        JsonObject review = VaultPods.Review(prefix);
        if (everything)
        {
            JsonObject annotations = Fixture.Annotations(review);
            annotations[prefix + "auth-path"] = "auth/k8s-prod";
            annotations[prefix + "namespace"] = "team-a";
            annotations[prefix + "tls-secret"] = "vault-ca";
            annotations[prefix + "ca-cert"] = "/vault/tls/ca.crt";
            annotations[prefix + "agent-inject-file-config"] = "config.json";
            annotations[prefix + "agent-inject-perms-config"] = "0440";
            annotations[prefix + "agent-revoke-on-shutdown"] = "true";
            annotations[prefix + "client-timeout"] = "30s";
            annotations[prefix + "agent-limits-cpu"] = "250m";
            annotations[prefix + "secret-volume-path"] = "/etc/app/secrets";
        }

        JsonObject patched = VaultPods.Injector().Review(review).PatchedPod!;
        string config = VaultPods.Config(patched);
        Tool.Result result = await SidecarCheck.RunAsync(config);

        Assert.DoesNotContain("invalid configuration", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the configuration cannot be used here", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pre_populate_only_config_is_valid_for_the_sidecar()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/agent-pre-populate-only"] = "true";

        Tool.Result result = await SidecarCheck.RunAsync(VaultPods.Config(VaultPods.Injector().Review(review).PatchedPod!));

        Assert.DoesNotContain("invalid configuration", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the configuration cannot be used here", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_patch_adds_no_problem_to_the_pod()
    {
        JsonObject review = VaultPods.Review();
        IReadOnlyList<string> before = PodRules.CheckPod(Fixture.Pod(review));

        IReadOnlyList<string> after = PodRules.CheckPod(VaultPods.Injector().Review(review).PatchedPod!);

        Assert.Empty(after.Except(before));
    }

    [Fact]
    public async Task The_patched_pod_is_a_valid_v1_pod_for_the_kubernetes_schema()
    {
        JsonObject review = VaultPods.Review();
        Fixture.Annotations(review)["vault.hashicorp.com/tls-secret"] = "vault-ca";

        Tool.Result result = await SchemaValidator.ValidateAsync(VaultPods.Injector().Review(review).PatchedPod!.ToJsonString());

        Assert.True(result.ExitCode == SchemaValidator.Valid, result.Output);
        Assert.Contains("ok v1 Pod", result.Stdout, StringComparison.Ordinal);
    }
}
