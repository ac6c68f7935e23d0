using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The whole model-store path with clients nobody here wrote: the real sidecar (IRSA) chains into the model-store
/// role, serves the session on its credentials route, and an unmodified boto3 — only the two
/// <c>AWS_CONTAINER_*</c> variables, no keys, no IRSA variables — lists and reads the model files from the S3
/// emulator, whose bucket only that role may read.
/// </summary>
public sealed class ModelStoreReadThroughTheSidecarTests
{
    private const string Script = """
        import hashlib, json, boto3
        from botocore.config import Config
        session = boto3.session.Session()
        s3 = session.client("s3", config=Config(s3={"addressing_style": "path"}))
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="weights", Prefix="models/")["Contents"]]
        weights = s3.get_object(Bucket="weights", Key="models/llama/weights.bin")["Body"].read()
        creds = session.get_credentials()
        print(json.dumps({"method": creds.method, "accessKeyId": creds.get_frozen_credentials().access_key,
                          "keys": keys, "weights": hashlib.sha256(weights).hexdigest()}))
        """;

    [Fact]
    public async Task Boto3_reads_the_model_files_with_credentials_from_the_sidecar_and_nothing_in_env()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string modelRole = setup.Cloud.Options.ModelStoreRoleArn;
        byte[] weights = Encoding.UTF8.GetBytes("not really a safetensors file");
        string config = ModelStoreSetup.Seed(setup, weights, "hf_model_store");
        Dictionary<string, string> environment = setup.IrsaEnvironment();
        environment["SECRETBROKER_POD_NAMESPACE"] = "ml";
        environment["SECRETBROKER_POD_NAME"] = "vllm-0";
        environment["SECRETBROKER_POD_SERVICE_ACCOUNT"] = "inference";

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: environment);
        Uri route = await ModelStoreSetup.RouteAsync(sidecar);
        string tokenFile = ModelStoreSetup.TokenFile(setup);
        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(async () => await StatusAsync(client, route, File.ReadAllText(tokenFile)) == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the session served");
        using TempDirectory home = TempDirectory.OnTmpfs();

        (int exitCode, string stdout, string stderr) = await RunBoto3Async(route, tokenFile, setup.Cloud.S3Url, home.Path);

        Assert.True(exitCode == 0, $"boto3 failed:\n{stderr}");
        using JsonDocument result = JsonDocument.Parse(stdout);
        Assert.Equal("container-role", result.RootElement.GetProperty("method").GetString());
        Assert.Equal(["models/llama/config.json", "models/llama/weights.bin"], result.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights)), result.RootElement.GetProperty("weights").GetString());
        var session = setup.Cloud.Sessions.Find(result.RootElement.GetProperty("accessKeyId").GetString()!)!;
        Assert.Equal(modelRole, session.RoleArn);
        Assert.Equal("vllm-0", session.Tags["kubernetes-pod-name"]);
        Assert.Equal(1, setup.Cloud.Counters.Count("s3.GetObject", "ok"));
        Assert.Equal(0, setup.Cloud.Counters.Count("s3.ListObjectsV2", "AccessDenied"));
        Assert.DoesNotContain(session.SecretAccessKey, sidecar.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri route, string token)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, route);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using HttpResponseMessage response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunBoto3Async(Uri route, string tokenFile, Uri s3, string home)
    {
        ProcessStartInfo info = new("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        foreach (string name in info.Environment.Keys.Where(static k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        // What an inference container gets: the two variables, the store's endpoint and region; HOME with no ~/.aws.
        info.Environment["HOME"] = home;
        info.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = route.ToString();
        info.Environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile;
        info.Environment["AWS_ENDPOINT_URL_S3"] = s3.ToString().TrimEnd('/');
        info.Environment["AWS_DEFAULT_REGION"] = "us-west-2";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using Process python = Process.Start(info)!;
        Task<string> stdout = python.StandardOutput.ReadToEndAsync();
        Task<string> stderr = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (python.ExitCode, await stdout, await stderr);
    }
}
