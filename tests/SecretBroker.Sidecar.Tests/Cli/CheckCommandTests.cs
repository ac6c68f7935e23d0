namespace SecretBroker.Sidecar.Tests.Cli;

// These go through the real pipeline (config → FileSecretBackend → SecretRefreshEngine.LoadAsync), so they pass
// once the engine and the file backend are merged; until then: dotnet test --filter "NeedsMerge!=engine".
[Trait("NeedsMerge", "engine")]
public class CheckCommandTests
{
    private const string Value = "hf_canary_MUST_NOT_BE_PRINTED_4242";

    private static string Config(TempDirectory dir, string output) => dir.Write("secretbroker.yaml", $$"""
        backends:
          local: { type: file, path: ./secrets }
        secrets:
          - name: hf-token
            backend: local
            id: hf-token
          - name: openai-api-key
            backend: local
            id: openai-api-key
            required: false
        outputs:
          files: { dir: {{output}} }
        """);

    [Fact]
    public async Task Check_prints_one_ok_row_per_secret_never_a_value_and_exits_0()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", Value);
        dir.Write("secrets/openai-api-key", Value + "-2");
        string output = Path.Combine(dir.Path, "out");

        CliResult result = await new CliRunner().RunAsync("check", "--config", Config(dir, output));

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^NAME\s+BACKEND\s+VERSION\s+STATUS$", lines[0]);
        Assert.Matches(@"^hf-token\s+local\s+\S+\s+ok$", lines[1]);
        Assert.Matches(@"^openai-api-key\s+local\s+\S+\s+ok$", lines[2]);
        Assert.DoesNotContain("canary", result.Output + result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Check_exits_1_when_any_secret_cannot_be_fetched_even_an_optional_one()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", Value);

        CliResult result = await new CliRunner().RunAsync("check", "--config", Config(dir, Path.Combine(dir.Path, "out")));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"(?m)^hf-token\s+local\s+\S+\s+ok$", result.Output);
        Assert.Matches(@"(?m)^openai-api-key\s+local\s+-\s+error: .+$", result.Output);
        Assert.DoesNotContain("canary", result.Output + result.Error, StringComparison.Ordinal);
    }
}
