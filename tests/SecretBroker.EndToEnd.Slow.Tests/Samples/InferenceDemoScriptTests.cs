using System.Text.RegularExpressions;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/inference/demo.sh, run as a user would: a stand-in inference server with no credential in its environment
/// reads the Hugging Face token file on every request and downloads model files from the S3 emulator with plain
/// boto3 through the sidecar's container-credentials route; the token is rotated in Secrets Manager and the
/// model-store session replaced by the sidecar, and the server — never restarted — sees both.
/// </summary>
public sealed class InferenceDemoScriptTests(ITestOutputHelper output)
{
    // What the server process may have in its environment: two file paths, the route and its token file, and
    // settings that are no credential (the emulator's S3 endpoint, the region, the bucket, the port).
    private static readonly string[] AllowedEnvironment =
    [
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_DEFAULT_REGION",
        "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL_S3", "HF_HOME", "HF_TOKEN_PATH", "HOME", "MODEL_BUCKET",
        "MODEL_PREFIX", "PATH", "PORT", "PYTHONUNBUFFERED",
    ];

    [Fact]
    public async Task The_server_sees_a_rotated_token_and_new_model_store_credentials_without_a_restart()
    {
        (int exitCode, string log) = await DemoScript.RunAsync("inference", [], TimeSpan.FromMinutes(3));
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"demo.sh exited {exitCode}");
        string[] environment = Regex.Match(log, @"server environment \(names\): (.*)").Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AllowedEnvironment, environment.Order(StringComparer.Ordinal));
        Assert.Matches(@"token: the server read the rotated token after \d+ ms", log);
        Assert.Matches(@"credentials: new access key after \d+ ms", log);
        Assert.Contains("the server was never restarted", log, StringComparison.Ordinal);
        Assert.Matches(@"sts\.AssumeRole: ok [2-9]", log);
        Assert.Matches(@"s3\.GetObject: ok \d+", log);
        Assert.DoesNotContain("AccessDenied", log, StringComparison.Ordinal);
        Assert.DoesNotContain("hf_InferenceDemo", log, StringComparison.Ordinal);
        Assert.Contains("secretbroker exited with 0", log, StringComparison.Ordinal);
        Assert.Contains("Demo complete (inference)", log, StringComparison.Ordinal);
    }
}
