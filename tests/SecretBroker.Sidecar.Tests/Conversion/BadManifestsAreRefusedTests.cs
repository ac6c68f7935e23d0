using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Tests.Cli;

namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>A file that is not a pod manifest is refused with a clear message, under the config reader's own limits.</summary>
public class BadManifestsAreRefusedTests
{
    [Fact]
    public async Task A_missing_file_is_refused()
    {
        using TempDirectory dir = new();
        string path = Path.Combine(dir.Path, "absent.yaml");

        CliResult result = await new CliRunner().RunAsync("convert", "vault-annotations", path);

        VaultConvert.AssertRefused(result, $"{path}:0: cannot read the file: no such file");
    }

    [Fact]
    public async Task A_directory_is_refused()
    {
        using TempDirectory dir = new();

        VaultConvert.AssertRefused(await new CliRunner().RunAsync("convert", "vault-annotations", dir.Path), "cannot read the file: it is a directory");
    }

    [Theory]
    [InlineData("kind: Pod\nmetadata: {name: web\n", "not valid YAML or JSON")]
    [InlineData("{\"kind\": \"Pod\", ", "not valid YAML or JSON")]
    [InlineData("", "the file is empty (expected a Pod or workload manifest)")]
    [InlineData("- kind: Pod\n", "pod.yaml:1: not a Kubernetes manifest: expected a mapping with apiVersion, kind and metadata, found a list")]
    [InlineData("just some text\n", "not a Kubernetes manifest: expected a mapping")]
    [InlineData("apiVersion: v1\nmetadata: {name: web}\n", "pod.yaml:1: not a Kubernetes manifest: no kind")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n", "pod.yaml:2: kind: kind ConfigMap has no pod template")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  annotations: [a, b]\n", "pod.yaml:4: metadata.annotations: expected a mapping, found a list")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    vault.hashicorp.com/role: [a]\n", "pod.yaml:5: vault.hashicorp.com/role: expected a string, found a list")]
    [InlineData("kind: Pod\n---\nkind: Service\n", "more than one YAML document; give one Pod or workload manifest")]
    [InlineData("kind: Pod\nmetadata: &m {name: web}\nspec: *m\n", "YAML aliases (*m) are not supported")]
    public async Task A_file_that_is_not_a_pod_manifest_is_refused_clearly(string text, string problem)
    {
        VaultConvert.AssertRefused(await VaultConvert.ManifestAsync(text), problem);
    }

    [Fact]
    public async Task A_huge_file_is_refused_at_the_config_readers_size_limit()
    {
        string huge = "kind: Pod\nmetadata:\n  annotations:\n    x: \"" + new string('a', SidecarSettingsLoader.MaxFileBytes) + "\"\n";

        VaultConvert.AssertRefused(await VaultConvert.ManifestAsync(huge), "cannot read the file: larger than 1024 KiB; a manifest is a few kilobytes");
    }

    [Fact]
    public async Task A_huge_stdin_is_refused_at_the_same_limit()
    {
        string huge = "kind: Pod\n# " + new string('a', SidecarSettingsLoader.MaxFileBytes) + "\n";

        VaultConvert.AssertRefused(await VaultConvert.StdinAsync(huge), "<stdin>:0: cannot read the file: larger than 1024 KiB");
    }

    [Theory]
    [InlineData("flow lists")]
    [InlineData("block mappings")]
    public async Task A_deeply_nested_file_is_refused_at_the_config_readers_depth_limit(string shape)
    {
        string text = shape == "flow lists"
            ? "kind: Pod\nspec: " + new string('[', 40_000)
            : "kind: Pod\n" + string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', i) + "a:\n"));

        VaultConvert.AssertRefused(await VaultConvert.ManifestAsync(text), "nested more than 64 levels deep (a pod manifest's annotations are 3 to 6 deep)");
    }

    [Fact]
    public async Task Usage_without_a_file_exits_2()
    {
        CliResult result = await new CliRunner().RunAsync("convert", "vault-annotations");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("secretbroker --help", result.Error, StringComparison.Ordinal);
    }
}
