using System.Text;
using System.Text.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// boto3 reads "model files" from the S3 emulator with credentials the emulators issued: SigV4 (service s3) verified
/// on every request, pagination, delimiters, ranges, HEAD, s3transfer's download, and S3's own error codes.
/// </summary>
public sealed class Boto3S3Tests
{
    private const string Bucket = "model-weights";

    private static readonly byte[] Weights = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    [Fact]
    public async Task Boto3_lists_gets_ranges_heads_and_downloads_with_verified_signatures()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        Seed(cloud);

        var result = await PythonRunner.RunAsync("boto3_s3.py", Irsa(cloud));

        Assert.Equal(["models/llama/config.json", "models/llama/tokenizer.json", "models/llama/weights.bin", "models/mistral/config.json"],
            result.GetProperty("listed").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(2, result.GetProperty("pages").GetInt32());
        Assert.Equal(["models/"], result.GetProperty("topPrefixes").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["README.md"], result.GetProperty("topKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("""{"architectures":["LlamaForCausalLM"]}""", result.GetProperty("config").GetString());
        Assert.Equal(cloud.Objects.Get(Bucket, "models/llama/config.json")!.ETag, result.GetProperty("configETag").GetString());
        Assert.Equal("02030405", result.GetProperty("ranged").GetString());
        Assert.Equal("bytes 2-5/64", result.GetProperty("contentRange").GetString());
        Assert.Equal(64, result.GetProperty("headLength").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(Weights), result.GetProperty("downloaded").GetString());
        Assert.Equal("NoSuchKey", result.GetProperty("missing").GetString());
        Assert.Equal("404", result.GetProperty("missingHead").GetString()); // HEAD errors carry no body: botocore names the status
        Assert.Equal("NoSuchBucket", result.GetProperty("noBucket").GetString());
        Assert.True(cloud.Counters.Count("s3.GetObject", "ok") >= 3);
        Assert.Equal(3, cloud.Counters.Count("s3.ListObjectsV2", "ok"));
        Assert.Equal(cloud.Counters.Snapshot().Where(o => o.Key.StartsWith("s3.", StringComparison.Ordinal)).Sum(o => o.Value.Values.Sum()), cloud.Counters.SignaturesVerified);
    }

    [Fact]
    public async Task A_bucket_for_another_role_is_access_denied()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        Seed(cloud);
        cloud.Objects.CreateBucket(Bucket, ["arn:aws:iam::111122223333:role/weights-reader"]);

        var result = await PythonRunner.RunAsync("boto3_s3.py", new Dictionary<string, string>(Irsa(cloud)) { ["SB_MODE"] = "denied" });

        Assert.Equal("AccessDenied", result.GetProperty("error").GetString());
        Assert.Equal(1, cloud.Counters.Count("s3.ListObjectsV2", "AccessDenied"));
    }

    [Fact]
    public async Task A_wrong_secret_key_and_an_expired_session_are_refused_in_S3_terms()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        Seed(cloud);
        var session = cloud.Sessions.Issue("test", "test", TimeSpan.FromHours(1));
        var expired = cloud.Sessions.Issue("test", "test", TimeSpan.FromSeconds(-1));

        var wrong = await PythonRunner.RunAsync("boto3_s3.py", Static(cloud, session.AccessKeyId, session.SecretAccessKey[..^1] + "x", session.SessionToken));
        var old = await PythonRunner.RunAsync("boto3_s3.py", Static(cloud, expired.AccessKeyId, expired.SecretAccessKey, expired.SessionToken));

        Assert.Equal("SignatureDoesNotMatch", wrong.GetProperty("error").GetString());
        Assert.Equal("ExpiredToken", old.GetProperty("error").GetString());
        Assert.Equal(0, cloud.Counters.SignaturesVerified);
    }

    private static void Seed(LocalCloud cloud)
    {
        cloud.Objects.CreateBucket(Bucket);
        cloud.Objects.Put(Bucket, "README.md", Encoding.UTF8.GetBytes("# weights"));
        cloud.Objects.Put(Bucket, "models/llama/config.json", Encoding.UTF8.GetBytes("""{"architectures":["LlamaForCausalLM"]}"""), "application/json");
        cloud.Objects.Put(Bucket, "models/llama/tokenizer.json", Encoding.UTF8.GetBytes("{}"), "application/json");
        cloud.Objects.Put(Bucket, "models/llama/weights.bin", Weights);
        cloud.Objects.Put(Bucket, "models/mistral/config.json", Encoding.UTF8.GetBytes("{}"), "application/json");
    }

    private static Dictionary<string, string> Irsa(LocalCloud cloud) => new()
    {
        ["AWS_ENDPOINT_URL_STS"] = cloud.StsUrl.ToString().TrimEnd('/'),
        ["AWS_ENDPOINT_URL_S3"] = cloud.S3Url.ToString().TrimEnd('/'),
        ["AWS_ROLE_ARN"] = cloud.Options.RoleArn,
        ["AWS_ROLE_SESSION_NAME"] = "boto3-s3-test",
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = cloud.IrsaToken.Path,
        ["AWS_REGION"] = cloud.Options.Region,
        ["AWS_DEFAULT_REGION"] = cloud.Options.Region,
        ["SB_BUCKET"] = Bucket,
    };

    private static Dictionary<string, string> Static(LocalCloud cloud, string keyId, string secret, string token) => new()
    {
        ["AWS_ENDPOINT_URL_S3"] = cloud.S3Url.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = keyId,
        ["AWS_SECRET_ACCESS_KEY"] = secret,
        ["AWS_SESSION_TOKEN"] = token,
        ["AWS_REGION"] = cloud.Options.Region,
        ["AWS_DEFAULT_REGION"] = cloud.Options.Region,
        ["SB_BUCKET"] = Bucket,
        ["SB_MODE"] = "denied",
    };
}
