using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Formats;

/// <summary>
/// <c>format: aws-credentials</c> through the real sidecar, read by botocore (the machine image's) through
/// <c>AWS_SHARED_CREDENTIALS_FILE</c>, before and after a rotation; <c>format: dotenv</c> beside it, in the same generation.
/// </summary>
public sealed class AwsCredentialsFormatTests
{
    [Fact]
    public async Task Botocore_reads_the_rotated_keys_from_the_credentials_file_and_dotenv_changes_with_them()
    {
        using var source = TempDirectory.OnTmpfs();
        using var output = TempDirectory.OnTmpfs();
        using var configDir = TempDirectory.OnTmpfs();
        string dir = output.Combine("secrets");
        LocalSidecarSetup.WriteAtomically(source.Combine("keys.json"), Keys("AKIAFIRST", "first/secret"));
        string config = configDir.Combine("secretbroker.yaml");
        File.WriteAllText(config, $"""
            backends:
              local: {"{"} type: file, path: {source.Path} {"}"}
            secrets:
              - {"{"} name: s3-keys, backend: local, id: keys.json, refresh: 500ms, format: aws-credentials {"}"}
              - {"{"} name: s3-env, backend: local, id: keys.json, refresh: 500ms, format: dotenv {"}"}
            outputs:
              files: {"{"} dir: {dir} {"}"}
            """);

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => Eventually.ReadOrNull(Path.Combine(dir, "s3-env"))?.Contains("AKIAFIRST", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20), "the first keys");
        Assert.Equal("AKIAFIRST|first/secret|token-AKIAFIRST", await BotocoreAsync(Path.Combine(dir, "s3-keys")));
        Assert.Contains("# expiration: 2030-01-01T00:00:00Z\n", File.ReadAllText(Path.Combine(dir, "s3-keys")), StringComparison.Ordinal);

        LocalSidecarSetup.WriteAtomically(source.Combine("keys.json"), Keys("AKIASECOND", "second/secret"));
        await Eventually.HoldsAsync(() => Eventually.ReadOrNull(Path.Combine(dir, "s3-keys"))?.Contains("AKIASECOND", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10), "the rotated keys");

        Assert.Equal("AKIASECOND|second/secret|token-AKIASECOND", await BotocoreAsync(Path.Combine(dir, "s3-keys")));
        Assert.Contains("AccessKeyId='AKIASECOND'\n", File.ReadAllText(Path.Combine(dir, "s3-env")), StringComparison.Ordinal);
    }

    private static string Keys(string id, string secret) =>
        $$"""{"AccessKeyId":"{{id}}","SecretAccessKey":"{{secret}}","SessionToken":"token-{{id}}","Expiration":"2030-01-01T00:00:00Z"}""";

    private static async Task<string> BotocoreAsync(string credentialsFile)
    {
        const string script = """
            import botocore.session
            c = botocore.session.get_session().get_credentials()
            print(f"{c.access_key}|{c.secret_key}|{c.token}", end="")
            """;
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (string name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = credentialsFile;
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var python = Process.Start(info)!;
        string stdout = await python.StandardOutput.ReadToEndAsync();
        string stderr = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"botocore failed: {stderr}");
        return stdout;
    }
}
