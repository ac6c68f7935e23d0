namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>
/// <c>check</c> applies the files output's profile and format rules to each loaded value: a value <c>run</c> would not
/// write fails <c>check</c> (exit 1) with the rule in STATUS, never the value.
/// </summary>
public class CheckValidatesFormatsTests
{
    private const string Canary = "CanaryValueMustNotBePrinted";

    private static string Config(TempDirectory dir) => dir.Write("secretbroker.yaml", $$"""
        backends:
          local: { type: file, path: ./secrets }
        secrets:
          - { name: hf-token, backend: local, id: hf-token, profile: huggingface }
          - { name: app-env, backend: local, id: app-env, format: dotenv }
          - { name: s3, backend: local, id: s3, format: aws-credentials }
        outputs:
          files: { dir: {{Path.Combine(dir.Path, "out")}} }
        """);

    [Fact]
    public async Task Values_that_fit_their_formats_are_ok()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", "hf_" + Canary + "\n");
        dir.Write("secrets/app-env", $$"""{"PASSWORD":"{{Canary}}"}""");
        dir.Write("secrets/s3", $$"""{"AccessKeyId":"AKIA","SecretAccessKey":"{{Canary}}"}""");

        CliResult result = await new CliRunner().RunAsync("check", "--config", Config(dir));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^hf-token\s+local\s+\S+\s+ok$", result.Output);
        Assert.Matches(@"(?m)^app-env\s+local\s+\S+\s+ok$", result.Output);
        Assert.Matches(@"(?m)^s3\s+local\s+\S+\s+ok$", result.Output);
        Assert.DoesNotContain(Canary, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_that_do_not_fit_fail_check_with_the_rule_and_never_the_value()
    {
        using TempDirectory dir = new(onTmpfs: true);
        dir.Write("secrets/hf-token", "hf_" + Canary + " second-word");
        dir.Write("secrets/app-env", $$"""{"PASSWORD":"it's {{Canary}}"}""");
        dir.Write("secrets/s3", $$"""{"AccessKeyId":"AKIA"}""");

        CliResult result = await new CliRunner().RunAsync("check", "--config", Config(dir));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"(?m)^hf-token\s+local\s+\S+\s+error: the Hugging Face token contains whitespace", result.Output);
        Assert.Matches(@"(?m)^app-env\s+local\s+\S+\s+error: field PASSWORD contains a quote", result.Output);
        Assert.Matches(@"(?m)^s3\s+local\s+\S+\s+error: the value has no string field SecretAccessKey$", result.Output);
        Assert.DoesNotContain(Canary, result.Output + result.Error, StringComparison.Ordinal);
    }
}
