namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>A pod the Vault injector would not inject has nothing to convert: exit 2, said so.</summary>
public class NothingToConvertTests
{
    [Fact]
    public async Task Without_agent_inject_there_is_nothing_to_convert()
    {
        VaultConvert.AssertRefused(
            await VaultConvert.AnnotationsAsync("vault.hashicorp.com/role: app", "vault.hashicorp.com/agent-inject-secret-db: secret/data/db"),
            "pod.yaml:6: nothing to convert: vault.hashicorp.com/agent-inject is not set");
    }

    [Theory]
    [InlineData("\"false\"")]
    [InlineData("\"0\"")]
    public async Task Agent_inject_false_is_nothing_to_convert(string value)
    {
        VaultConvert.AssertRefused(
            await VaultConvert.AnnotationsAsync($"vault.hashicorp.com/agent-inject: {value}", "vault.hashicorp.com/role: app"),
            "vault.hashicorp.com/agent-inject: nothing to convert");
    }

    [Fact]
    public async Task Agent_inject_that_is_not_a_boolean_is_refused()
    {
        VaultConvert.AssertRefused(await VaultConvert.AnnotationsAsync("vault.hashicorp.com/agent-inject: \"yes\""), "vault.hashicorp.com/agent-inject: 'yes' is not true or false");
    }

    [Fact]
    public async Task A_pod_without_vault_annotations_is_nothing_to_convert()
    {
        VaultConvert.AssertRefused(
            await VaultConvert.AnnotationsAsync("prometheus.io/scrape: \"true\""),
            "nothing to convert: Pod web has no vault.hashicorp.com/ or openbao.org/ annotations");
    }

    [Fact]
    public async Task A_pod_without_annotations_is_nothing_to_convert()
    {
        VaultConvert.AssertRefused(
            await VaultConvert.ManifestAsync("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n"),
            "nothing to convert: Pod web has no vault.hashicorp.com/");
    }

    [Fact]
    public async Task Injection_without_any_secret_is_nothing_to_convert()
    {
        VaultConvert.AssertRefused(
            await VaultConvert.AnnotationsAsync("vault.hashicorp.com/agent-inject: \"true\"", "vault.hashicorp.com/role: app"),
            "nothing to convert: no vault.hashicorp.com/agent-inject-secret-<name> annotations");
    }

    [Fact]
    public async Task Vault_annotations_on_a_workloads_own_metadata_are_pointed_to_the_pod_template()
    {
        const string manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                vault.hashicorp.com/agent-inject: "true"
                vault.hashicorp.com/role: "web"
            spec:
              template:
                metadata:
                  labels: {app: web}
            """;

        VaultConvert.AssertRefused(
            await VaultConvert.ManifestAsync(manifest),
            "nothing to convert: Deployment web has Vault annotations on its own metadata, which the injector never reads");
    }
}
