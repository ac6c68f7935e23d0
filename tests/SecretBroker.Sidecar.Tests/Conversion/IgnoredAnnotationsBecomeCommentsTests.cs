using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>Annotations that only tune Vault Agent itself are listed as ignored, with the reason, and do not stop the conversion.</summary>
public class IgnoredAnnotationsBecomeCommentsTests
{
    [Theory]
    [InlineData("agent-limits-cpu: 250m", "Vault Agent's resources")]
    [InlineData("agent-requests-mem: 64Mi", "Vault Agent's resources")]
    [InlineData("agent-image: hashicorp/vault:1.18", "the Vault Agent image")]
    [InlineData("agent-run-as-user: \"100\"", "Vault Agent's user")]
    [InlineData("log-level: debug", "SECRETBROKER_LOG_LEVEL")]
    [InlineData("log-format: json", "secretbroker logs JSON")]
    [InlineData("agent-cache-enable: \"true\"", "there is no agent cache")]
    [InlineData("preserve-secret-case: \"false\"", null)]
    [InlineData("agent-init-first: \"true\"", "init containers")]
    [InlineData("agent-inject-status: injected", "written by the Vault injector")]
    [InlineData("proxy-address: \"\"", "empty (no proxy)")]
    public async Task Agent_tuning_annotations_are_ignored_with_a_reason(string annotation, string? why)
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db",
            "vault.hashicorp.com/" + annotation));

        if (why is not null)
        {
            string key = annotation[..annotation.IndexOf(':', StringComparison.Ordinal)];
            Assert.Contains($"# ignored: vault.hashicorp.com/{key}: ", config, StringComparison.Ordinal);
            Assert.Contains(why, config, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_annotations_an_injected_pod_carries_convert()
    {
        // What the Vault injector writes into every pod it mutates (kubectl get pod -o yaml of an injected pod).
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/agent-inject-status: injected",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db",
            "vault.hashicorp.com/service: \"https://vault.vault.svc:8200\"",
            "vault.hashicorp.com/auth-type: kubernetes",
            "vault.hashicorp.com/auth-path: auth/kubernetes",
            "vault.hashicorp.com/proxy-address: \"\"",
            "vault.hashicorp.com/agent-image: hashicorp/vault:1.18.1",
            "vault.hashicorp.com/agent-request-namespace: default",
            "vault.hashicorp.com/agent-limits-cpu: 500m",
            "vault.hashicorp.com/agent-limits-mem: 128Mi",
            "vault.hashicorp.com/agent-requests-cpu: 250m",
            "vault.hashicorp.com/agent-requests-mem: 64Mi",
            "vault.hashicorp.com/secret-volume-path: /vault/secrets",
            "vault.hashicorp.com/agent-revoke-on-shutdown: \"false\"",
            "vault.hashicorp.com/agent-revoke-grace: \"5\"",
            "vault.hashicorp.com/log-level: info",
            "vault.hashicorp.com/log-format: standard",
            "vault.hashicorp.com/agent-set-security-context: \"true\"",
            "vault.hashicorp.com/agent-run-as-user: \"100\"",
            "vault.hashicorp.com/agent-run-as-same-user: \"false\"",
            "vault.hashicorp.com/agent-run-as-group: \"1000\"",
            "vault.hashicorp.com/agent-cache-enable: \"false\"",
            "vault.hashicorp.com/agent-cache-listener-port: \"8200\"",
            "vault.hashicorp.com/agent-cache-use-auto-auth-token: \"true\"",
            "vault.hashicorp.com/agent-cache-exit-on-err: \"false\""));

        Assert.Contains("      mount: \"kubernetes\"\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("revokeOnShutdown", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_holds_no_annotation_the_converter_maps_or_refuses()
    {
        string[] handled = ["agent-inject", "role", "auth-type", "auth-path", "namespace", "service", "ca-cert", "tls-secret", "tls-skip-verify", "secret-volume-path", "agent-pre-populate-only", "agent-revoke-on-shutdown", "client-timeout", "preserve-secret-case", "proxy-address", "agent-inject-token", "agent-configmap", "agent-inject-secret-x", "agent-inject-file-x", "agent-inject-perms-x", "agent-inject-template-x", "agent-inject-command-x", "auth-config-path"];

        Assert.All(handled, name => Assert.Null(VaultAnnotationTable.IgnoredBecause(name)));
    }
}
