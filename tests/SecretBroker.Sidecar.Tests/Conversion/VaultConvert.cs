using SecretBroker.Sidecar.Cli;
using SecretBroker.Sidecar.Tests.Cli;

namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>Runs <c>secretbroker convert vault-annotations</c> in-process on manifest text written to a real file (or stdin).</summary>
internal static class VaultConvert
{
    /// <summary>A Pod with the usual Vault Agent annotations: role, two secrets, a file name and perms.</summary>
    public const string TypicalPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            vault.hashicorp.com/agent-inject: "true"
            vault.hashicorp.com/role: "inference"
            vault.hashicorp.com/agent-inject-secret-db-creds: "database/creds/app"
            vault.hashicorp.com/agent-inject-secret-config: "secret/data/app/config"
            vault.hashicorp.com/agent-inject-file-config: "app.json"
            vault.hashicorp.com/agent-inject-perms-db-creds: "0440"
            vault.hashicorp.com/agent-inject-perms-config: "0440"
        spec:
          containers:
            - name: app
              image: example/app:1
        """;

    public static Task<CliResult> ManifestAsync(string manifest, string fileName = "pod.yaml")
    {
        using TempDirectory dir = new();
        return new CliRunner().RunAsync("convert", "vault-annotations", dir.Write(fileName, manifest));
    }

    /// <summary>The pod <see cref="TypicalPod"/> with its annotations replaced by <paramref name="annotations"/> (one per line, no indent).</summary>
    public static Task<CliResult> AnnotationsAsync(params string[] annotations) => ManifestAsync(Pod(annotations));

    public static string Pod(params string[] annotations) =>
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n"
        + string.Concat(annotations.Select(a => "    " + a + "\n"))
        + "spec:\n  containers: [{name: app, image: example/app:1}]\n";

    public static async Task<CliResult> StdinAsync(string manifest)
    {
        using StringWriter output = new();
        using StringWriter error = new();
        CliContext context = new(output, error, _ => null)
        {
            OpenStandardInput = () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest)),
        };
        int exit = await SecretBrokerCli.RunAsync(["convert", "vault-annotations", "-"], context, CancellationToken.None);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Asserts a refusal: exit 2, nothing on stdout, and <paramref name="expected"/> on stderr.</summary>
    public static void AssertRefused(CliResult result, params string[] expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("secretbroker convert: not converted", result.Error, StringComparison.Ordinal);
        foreach (string text in expected)
        {
            Assert.Contains(text, result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts success and returns the config printed.</summary>
    public static string AssertConverted(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(result.Error);
        return result.Output;
    }
}
