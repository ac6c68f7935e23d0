namespace SecretBroker.Sidecar.Tests.Conversion;

public class TypicalPodsAreConvertedTests
{
    [Fact]
    public async Task A_typical_pod_becomes_a_vault_backend_its_secrets_and_the_files_output()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(VaultConvert.TypicalPod));

        Assert.Contains("backends:\n  vault:\n    type: vault\n", config, StringComparison.Ordinal);
        Assert.Contains("    auth:\n      method: kubernetes\n      role: \"inference\"\n", config, StringComparison.Ordinal);
        Assert.Contains("  - name: \"db-creds\"   # from vault.hashicorp.com/agent-inject-secret-db-creds\n    backend: vault\n    id: \"database/creds/app\"\n", config, StringComparison.Ordinal);
        Assert.Contains("  - name: \"app.json\"   # from vault.hashicorp.com/agent-inject-secret-config\n    backend: vault\n    id: \"secret/data/app/config\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    dir: \"/vault/secrets\"", config, StringComparison.Ordinal);
        Assert.Contains("    fileMode: \"0440\"   # from agent-inject-perms-*\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_service_annotation_the_address_is_a_commented_placeholder()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(VaultConvert.TypicalPod));

        Assert.Contains("    address: \"https://vault.vault.svc:8200\"   # placeholder: the pod has no vault.hashicorp.com/service", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_output_says_files_hold_the_json_of_the_data_not_vault_agents_go_map_text()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(VaultConvert.TypicalPod));

        Assert.Contains("Each file holds the JSON of the secret's data", config, StringComparison.Ordinal);
        Assert.Contains("Go map text", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auth/k8s-prod", "k8s-prod")]
    [InlineData("auth/kubernetes", "kubernetes")]
    [InlineData("auth/clusters/eu-1/", "clusters/eu-1")]
    [InlineData("k8s-prod", "k8s-prod")]
    public async Task Auth_path_becomes_the_mount_without_its_auth_prefix(string authPath, string mount)
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            $"vault.hashicorp.com/auth-path: \"{authPath}\"",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"));

        Assert.Contains($"      mount: \"{mount}\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_service_ca_cert_and_revoke_on_shutdown_are_mapped()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/namespace: team-a",
            "vault.hashicorp.com/service: \"https://vault.example:8200\"",
            "vault.hashicorp.com/ca-cert: /vault/tls/ca.crt",
            "vault.hashicorp.com/tls-secret: vault-tls",
            "vault.hashicorp.com/agent-revoke-on-shutdown: \"true\"",
            "vault.hashicorp.com/client-timeout: \"30\"",
            "vault.hashicorp.com/secret-volume-path: /etc/secrets",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"));

        Assert.Contains("    address: \"https://vault.example:8200\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    namespace: \"team-a\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    caFile: \"/vault/tls/ca.crt\"\n", config, StringComparison.Ordinal);
        Assert.Contains("mount Secret vault-tls at /vault/tls in the secretbroker container", config, StringComparison.Ordinal);
        Assert.Contains("    revokeOnShutdown: true\n", config, StringComparison.Ordinal);
        Assert.Contains("    requestTimeout: \"30s\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    dir: \"/etc/secrets\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwt_auth_takes_its_token_file_from_auth_config_path()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/auth-type: jwt",
            "vault.hashicorp.com/auth-path: auth/jwt-eks",
            "vault.hashicorp.com/auth-config-path: /var/run/secrets/vault/token",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"));

        Assert.Contains("      method: jwt\n      role: \"app\"\n      mount: \"jwt-eks\"\n      tokenFile: \"/var/run/secrets/vault/token\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openbao_annotations_are_converted_the_same_way()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(VaultConvert.TypicalPod.Replace("vault.hashicorp.com/", "openbao.org/", StringComparison.Ordinal)));

        Assert.Contains("the openbao.org/ annotations of Pod web", config, StringComparison.Ordinal);
        Assert.Contains("backends:\n  openbao:\n    type: vault\n", config, StringComparison.Ordinal);
        Assert.Contains("    backend: openbao\n    id: \"database/creds/app\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_names_are_lowercased_as_the_injector_does_unless_preserve_secret_case_says_otherwise()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/agent-inject-secret-DB: secret/data/db"));

        Assert.Contains("  - name: \"db\"", config, StringComparison.Ordinal);

        VaultConvert.AssertRefused(
            await VaultConvert.AnnotationsAsync(
                "vault.hashicorp.com/agent-inject: \"true\"",
                "vault.hashicorp.com/role: app",
                "vault.hashicorp.com/preserve-secret-case: \"true\"",
                "vault.hashicorp.com/agent-inject-secret-DB: secret/data/db"),
            "vault.hashicorp.com/agent-inject-secret-DB: 'DB' is not a valid secretbroker secret name");
    }

    [Fact]
    public async Task Pre_populate_only_says_to_run_once_as_an_init_container()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/agent-pre-populate-only: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"));

        Assert.Contains("# agent-pre-populate-only: run `secretbroker run --once --config FILE` as an init container", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Perms_given_for_some_files_apply_to_all_and_the_comment_names_the_others()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db",
            "vault.hashicorp.com/agent-inject-secret-api: secret/data/api",
            "vault.hashicorp.com/agent-inject-perms-db: \"400\""));

        Assert.Contains("    fileMode: \"0400\"   # from agent-inject-perms-*; one mode for every file, so also api\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_perms_the_output_explains_our_default_mode_and_fs_group()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: app",
            "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"));

        Assert.DoesNotContain("fileMode:", config, StringComparison.Ordinal);
        Assert.Contains("# fileMode 0440", config, StringComparison.Ordinal);
        Assert.Contains("fsGroup", config, StringComparison.Ordinal);
    }
}
