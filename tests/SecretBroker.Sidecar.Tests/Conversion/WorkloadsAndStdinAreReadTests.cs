namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>The pod's annotations are found in a workload's pod template, in JSON as in YAML, and on stdin.</summary>
public class WorkloadsAndStdinAreReadTests
{
    private const string PodTemplateAnnotations = """
              annotations:
                vault.hashicorp.com/agent-inject: "true"
                vault.hashicorp.com/role: "web"
                vault.hashicorp.com/agent-inject-secret-db: "secret/data/web/db"
        """;

    [Theory]
    [InlineData("Deployment")]
    [InlineData("StatefulSet")]
    [InlineData("DaemonSet")]
    [InlineData("Job")]
    public async Task A_workload_is_read_from_its_pod_template(string kind)
    {
        string manifest = $"""
            apiVersion: apps/v1
            kind: {kind}
            metadata:
              name: web
              annotations:
                vault.hashicorp.com/role: "not-this-one"
            spec:
              template:
                metadata:
            {PodTemplateAnnotations}
                spec:
                  containers:
                    - name: app
                      image: example/app:1
            """;

        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(manifest));

        Assert.Contains($"annotations of {kind} web", config, StringComparison.Ordinal);
        Assert.Contains("      role: \"web\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    id: \"secret/data/web/db\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cron_job_is_read_from_its_job_template()
    {
        string manifest = $"""
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      annotations:
                        vault.hashicorp.com/agent-inject: "true"
                        vault.hashicorp.com/role: "batch"
                        vault.hashicorp.com/agent-inject-secret-db: "secret/data/batch/db"
            """;

        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(manifest));

        Assert.Contains("      role: \"batch\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_manifest_converts_like_its_yaml()
    {
        const string json = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "annotations": {
              "vault.hashicorp.com/agent-inject": "true",
              "vault.hashicorp.com/role": "inference",
              "vault.hashicorp.com/agent-inject-secret-db-creds": "database/creds/app",
              "vault.hashicorp.com/agent-inject-secret-config": "secret/data/app/config",
              "vault.hashicorp.com/agent-inject-file-config": "app.json",
              "vault.hashicorp.com/agent-inject-perms-db-creds": "0440",
              "vault.hashicorp.com/agent-inject-perms-config": "0440"}},
             "spec": {"containers": [{"name": "app", "image": "example/app:1"}]}}
            """;

        string fromJson = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(json, "pod.json"));
        string fromYaml = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(VaultConvert.TypicalPod));

        Assert.Equal(fromYaml, fromJson);
    }

    [Fact]
    public async Task A_dash_reads_the_manifest_from_stdin()
    {
        string fromStdin = VaultConvert.AssertConverted(await VaultConvert.StdinAsync(VaultConvert.TypicalPod));
        string fromFile = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(VaultConvert.TypicalPod));

        Assert.Equal(fromFile, fromStdin);
    }

    [Fact]
    public async Task Problems_in_a_manifest_from_stdin_name_stdin()
    {
        VaultConvert.AssertRefused(await VaultConvert.StdinAsync("kind: Pod\nmetadata: {name: web}\n"), "<stdin>:");
    }
}
