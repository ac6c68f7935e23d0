using SecretBroker.Sidecar.Tests.Cli;

namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>What cannot be converted faithfully exits 2 naming the annotation, and prints no config.</summary>
public class RefusedAnnotationsAreNamedTests
{
    private static readonly string[] Base =
    [
        "vault.hashicorp.com/agent-inject: \"true\"",
        "vault.hashicorp.com/role: app",
        "vault.hashicorp.com/agent-inject-secret-db: secret/data/db",
    ];

    private static Task<CliResult> With(params string[] more) => VaultConvert.AnnotationsAsync([.. Base, .. more]);

    [Fact]
    public async Task Templates_are_refused_naming_each_template_annotation()
    {
        CliResult result = await With(
            "vault.hashicorp.com/agent-inject-template-db: '{{ with secret \"secret/data/db\" }}{{ .Data.data.password }}{{ end }}'",
            "vault.hashicorp.com/agent-inject-template-file-db: /vault/templates/db.ctmpl");

        VaultConvert.AssertRefused(
            result,
            "pod.yaml:9: vault.hashicorp.com/agent-inject-template-db: templates are not supported",
            "pod.yaml:10: vault.hashicorp.com/agent-inject-template-file-db: templates are not supported",
            "(2 problems)");
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("\"1\"")]
    public async Task Tls_skip_verify_is_refused_pointing_to_ca_cert(string value)
    {
        VaultConvert.AssertRefused(
            await With($"vault.hashicorp.com/tls-skip-verify: {value}"),
            "vault.hashicorp.com/tls-skip-verify: secretbroker never turns TLS verification off",
            "ca-cert (becomes caFile)");
    }

    [Fact]
    public async Task Tls_skip_verify_false_is_fine()
    {
        VaultConvert.AssertConverted(await With("vault.hashicorp.com/tls-skip-verify: \"false\""));
    }

    [Theory]
    [InlineData("vault.hashicorp.com/agent-frobnicate: \"yes\"", "not supported by secretbroker convert")]
    [InlineData("vault.hashicorp.com/client-cert: /vault/tls/client.crt", "not supported by secretbroker convert")]
    [InlineData("vault.hashicorp.com/proxy-address: \"http://proxy:3128\"", "not supported by secretbroker convert")]
    [InlineData("vault.hashicorp.com/agent-inject-command-db: \"kill -HUP 1\"", "running a command after rendering is not supported")]
    [InlineData("vault.hashicorp.com/agent-inject-token: \"true\"", "writing the Vault token to a file is not supported")]
    [InlineData("vault.hashicorp.com/agent-configmap: my-agent-config", "a Vault Agent config from a ConfigMap cannot be converted")]
    [InlineData("vault.hashicorp.com/auth-config-remove_jwt_after_reading: \"false\"", "this auth-config parameter is not supported")]
    [InlineData("vault.hashicorp.com/auth-type: gcp", "auth type 'gcp' is not supported")]
    public async Task An_annotation_we_do_not_map_is_refused_by_name(string annotation, string problem)
    {
        string key = annotation[..annotation.IndexOf(':', StringComparison.Ordinal)];

        VaultConvert.AssertRefused(await With(annotation), $"pod.yaml:9: {key}: {problem}");
    }

    [Theory]
    [InlineData("\"http://vault.vault.svc:8200\"")]
    [InlineData("\"vault.vault.svc:8200\"")]
    [InlineData("\"https://vault.example:8200/?x=1\"")]
    public async Task A_service_address_that_is_not_https_is_refused(string value)
    {
        VaultConvert.AssertRefused(await With($"vault.hashicorp.com/service: {value}"), "vault.hashicorp.com/service: ", "is not an https URL");
    }

    [Fact]
    public async Task Plain_http_to_loopback_is_accepted_as_the_backend_accepts_it()
    {
        string config = VaultConvert.AssertConverted(await With("vault.hashicorp.com/service: \"http://127.0.0.1:8200\""));

        Assert.Contains("    address: \"http://127.0.0.1:8200\"\n", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent-inject-secret-db-: secret/data/db", "vault.hashicorp.com/agent-inject-secret-db-: 'db-' is not a valid secretbroker secret name")]
    [InlineData("agent-inject-secret-x.: secret/data/x", "'x.' is not a valid secretbroker secret name")]
    public async Task A_secret_name_that_is_not_valid_is_refused_naming_its_annotation(string annotation, string problem)
    {
        VaultConvert.AssertRefused(await With("vault.hashicorp.com/" + annotation), problem, "agent-inject-file-<name>");
    }

    [Fact]
    public async Task A_file_name_that_is_not_valid_is_refused_naming_the_file_annotation()
    {
        VaultConvert.AssertRefused(
            await With("vault.hashicorp.com/agent-inject-file-db: config/db.json"),
            "pod.yaml:9: vault.hashicorp.com/agent-inject-file-db: 'config/db.json' is not a valid secretbroker secret name");
    }

    [Fact]
    public async Task A_name_longer_than_253_is_refused()
    {
        string name = new('a', 254);

        VaultConvert.AssertRefused(await With($"vault.hashicorp.com/agent-inject-file-db: {name}"), $"'{name}' is not a valid secretbroker secret name");
    }

    [Fact]
    public async Task Two_secrets_written_to_the_same_file_are_refused()
    {
        VaultConvert.AssertRefused(
            await With("vault.hashicorp.com/agent-inject-secret-other: secret/data/other", "vault.hashicorp.com/agent-inject-file-other: db"),
            "vault.hashicorp.com/agent-inject-file-other: file 'db' is also written for vault.hashicorp.com/agent-inject-secret-db");
    }

    [Theory]
    [InlineData("/secret/data/db", "its id must be a Vault API path without a leading '/'")]
    [InlineData("secret/data/../db", "its id must not hold a '.' or '..' segment")]
    [InlineData("secret//db", "its id must not hold an empty segment")]
    [InlineData("secret", "its id must name a path under a mount")]
    [InlineData("secret/data/db?version=2", "its id must not hold '?' or '#'")]
    public async Task A_vault_path_the_backend_would_refuse_is_refused_here(string path, string why)
    {
        VaultConvert.AssertRefused(await With($"vault.hashicorp.com/agent-inject-secret-other: \"{path}\""), "vault.hashicorp.com/agent-inject-secret-other: ", why);
    }

    [Fact]
    public async Task Perms_that_differ_are_refused_naming_each()
    {
        CliResult result = await With(
            "vault.hashicorp.com/agent-inject-secret-api: secret/data/api",
            "vault.hashicorp.com/agent-inject-perms-db: \"0440\"",
            "vault.hashicorp.com/agent-inject-perms-api: \"0400\"");

        VaultConvert.AssertRefused(
            result,
            "pod.yaml:10: vault.hashicorp.com/agent-inject-perms-db: secretbroker writes every file with one mode",
            "pod.yaml:11: vault.hashicorp.com/agent-inject-perms-api: secretbroker writes every file with one mode");
    }

    [Theory]
    [InlineData("0644", "grants permissions to others")]
    [InlineData("0660", "grants write permission")]
    [InlineData("rw-r-----", "is not an octal file mode")]
    public async Task Perms_our_file_rules_refuse_are_refused_not_loosened(string perms, string problem)
    {
        VaultConvert.AssertRefused(await With($"vault.hashicorp.com/agent-inject-perms-db: \"{perms}\""), "vault.hashicorp.com/agent-inject-perms-db: ", problem, "use 0440 or 0400");
    }

    [Fact]
    public async Task Per_secret_annotations_without_their_secret_are_refused()
    {
        VaultConvert.AssertRefused(
            await With("vault.hashicorp.com/agent-inject-file-dbx: db.json"),
            "vault.hashicorp.com/agent-inject-file-dbx: no vault.hashicorp.com/agent-inject-secret-dbx names this secret");
    }

    [Fact]
    public async Task A_per_secret_volume_path_other_than_the_shared_one_is_refused()
    {
        VaultConvert.AssertRefused(
            await With("vault.hashicorp.com/secret-volume-path-db: /etc/db"),
            "vault.hashicorp.com/secret-volume-path-db: secretbroker writes every file in one directory (/vault/secrets)");
    }

    [Fact]
    public async Task A_missing_role_is_refused()
    {
        VaultConvert.AssertRefused(
            await VaultConvert.AnnotationsAsync("vault.hashicorp.com/agent-inject: \"true\"", "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"),
            "pod.yaml:6: vault.hashicorp.com/role: required");
    }

    [Fact]
    public async Task Mixed_vault_and_openbao_prefixes_are_refused()
    {
        VaultConvert.AssertRefused(await With("openbao.org/role: other"), "pod.yaml:9: openbao.org/role: the pod mixes vault.hashicorp.com/ and openbao.org/ annotations");
    }

    [Fact]
    public async Task An_annotation_given_twice_is_refused()
    {
        VaultConvert.AssertRefused(await With("vault.hashicorp.com/role: other"), "pod.yaml:9: vault.hashicorp.com/role: given more than once");
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        CliResult result = await With(
            "vault.hashicorp.com/tls-skip-verify: \"true\"",
            "vault.hashicorp.com/agent-inject-template-db: x",
            "vault.hashicorp.com/agent-unknown: x");

        VaultConvert.AssertRefused(result, "(3 problems)", "tls-skip-verify", "agent-inject-template-db", "agent-unknown");
    }
}
