using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Tag = Amazon.SecurityToken.Model.Tag;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// STS <c>AssumeRole</c> (role chaining) through AWSSDK.SecurityToken: a pod's IRSA session assumes a model-store role
/// with a session policy and tags, and the chained credentials read the role's bucket from the S3 emulator; every
/// constraint a chained session has is enforced.
/// </summary>
public sealed class AssumeRoleChainingTests
{
    private const string WeightsRole = "arn:aws:iam::111122223333:role/weights-reader";

    [Fact]
    public async Task An_IRSA_session_assumes_the_weights_role_with_tags_and_reads_its_bucket()
    {
        await using var test = await StartAsync();
        var cloud = test.Cloud;
        cloud.Objects.CreateBucket("weights", [WeightsRole]);
        cloud.Objects.Put("weights", "models/llama/config.json", Encoding.UTF8.GetBytes("{}"));
        using var sts = Sts(cloud, await IrsaCredentialsAsync(cloud));

        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = WeightsRole,
            RoleSessionName = "inference-0",
            DurationSeconds = 3600,
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            Tags = [new Tag { Key = "namespace", Value = "inference" }, new Tag { Key = "pod", Value = "vllm-0" }],
        });

        Assert.Equal("arn:aws:sts::111122223333:assumed-role/weights-reader/inference-0", response.AssumedRoleUser.Arn);
        var session = cloud.Sessions.Find(response.Credentials.AccessKeyId)!;
        Assert.Equal(WeightsRole, session.RoleArn);
        Assert.Equal(new Dictionary<string, string> { ["namespace"] = "inference", ["pod"] = "vllm-0" }, session.Tags);
        Assert.Contains("s3:GetObject", session.Policy, StringComparison.Ordinal);
        Assert.InRange(session.Expiration - session.IssuedAt, TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

        using var s3 = new AmazonS3Client(
            new SessionAWSCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken),
            new AmazonS3Config { ServiceURL = cloud.S3Url.ToString(), ForcePathStyle = true, AuthenticationRegion = cloud.Options.Region, MaxErrorRetry = 0 });
        ListObjectsV2Response listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "weights" });
        Assert.Equal(["models/llama/config.json"], listed.S3Objects.Select(o => o.Key));
        Assert.Equal(1, cloud.Counters.Count("sts.AssumeRole", "ok"));
    }

    [Fact]
    public async Task Boto3_chains_from_IRSA_with_tags_and_reads_the_bucket()
    {
        await using var test = await StartAsync();
        var cloud = test.Cloud;
        cloud.Objects.CreateBucket("weights", [WeightsRole]);
        cloud.Objects.Put("weights", "models/a.bin", [1, 2, 3]);

        var result = await PythonRunner.RunAsync("boto3_assume_role.py", new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_STS"] = cloud.StsUrl.ToString().TrimEnd('/'),
            ["AWS_ENDPOINT_URL_S3"] = cloud.S3Url.ToString().TrimEnd('/'),
            ["AWS_ROLE_ARN"] = cloud.Options.RoleArn,
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = cloud.IrsaToken.Path,
            ["AWS_REGION"] = cloud.Options.Region,
            ["AWS_DEFAULT_REGION"] = cloud.Options.Region,
            ["SB_ROLE"] = WeightsRole,
            ["SB_BUCKET"] = "weights",
        });

        Assert.Equal("arn:aws:sts::111122223333:assumed-role/weights-reader/boto3-chain", result.GetProperty("arn").GetString());
        Assert.Equal(["models/a.bin"], result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        var session = cloud.Sessions.Find(result.GetProperty("accessKeyId").GetString()!)!;
        Assert.Equal("inference", session.Tags["namespace"]);
        Assert.Equal(TimeSpan.FromSeconds(900), session.Expiration - DateTimeOffset.FromUnixTimeSeconds(session.IssuedAt.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task The_IRSA_role_itself_cannot_read_the_weights_bucket()
    {
        await using var test = await StartAsync();
        var cloud = test.Cloud;
        cloud.Objects.CreateBucket("weights", [WeightsRole]);
        var irsa = await IrsaCredentialsAsync(cloud);
        using var s3 = new AmazonS3Client(irsa, new AmazonS3Config { ServiceURL = cloud.S3Url.ToString(), ForcePathStyle = true, AuthenticationRegion = cloud.Options.Region, MaxErrorRetry = 0 });

        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "weights" }));

        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    [Fact]
    public async Task Chained_sessions_are_refused_past_one_hour_untrusted_roles_bad_policies_untaggable_roles_and_bad_signatures()
    {
        await using var test = await StartAsync(o => o.Sts.TagSessionDenied.Add("arn:aws:iam::111122223333:role/no-tags"));
        var cloud = test.Cloud;
        var irsa = await IrsaCredentialsAsync(cloud);
        using var sts = Sts(cloud, irsa);

        async Task<string> CodeOf(AssumeRoleRequest request)
        {
            var e = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(request));
            return e.ErrorCode;
        }

        Assert.Equal("ValidationError", await CodeOf(new AssumeRoleRequest { RoleArn = WeightsRole, RoleSessionName = "too-long", DurationSeconds = 3601 }));
        Assert.Equal("AccessDenied", await CodeOf(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/admin", RoleSessionName = "untrusted" }));
        Assert.Equal("MalformedPolicyDocument", await CodeOf(new AssumeRoleRequest { RoleArn = WeightsRole, RoleSessionName = "policy", Policy = "{not json" }));
        Assert.Equal("PackedPolicyTooLarge", await CodeOf(new AssumeRoleRequest { RoleArn = WeightsRole, RoleSessionName = "big", Policy = "{\"x\":\"" + new string('a', 2100) + "\"}" }));
        Assert.Equal("AccessDenied", await CodeOf(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/no-tags", RoleSessionName = "tags", Tags = [new Tag { Key = "pod", Value = "p" }] }));

        var imdsCreds = await irsa.GetCredentialsAsync();
        using var forged = Sts(cloud, new SessionAWSCredentials(imdsCreds.AccessKey, imdsCreds.SecretKey + "x", imdsCreds.Token));
        var bad = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => forged.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = WeightsRole, RoleSessionName = "forged" }));
        Assert.Equal("SignatureDoesNotMatch", bad.ErrorCode);
        Assert.Equal(0, cloud.Counters.Count("sts.AssumeRole", "ok"));
    }

    private static Task<TestCloud> StartAsync(Action<LocalCloudOptions>? more = null) => TestCloud.StartAsync(o =>
    {
        o.Sts.AssumeRoleTrust[WeightsRole] = [o.RoleArn];
        o.Sts.AssumeRoleTrust["arn:aws:iam::111122223333:role/no-tags"] = [o.RoleArn];
        more?.Invoke(o);
    });

    private static AmazonSecurityTokenServiceClient Sts(LocalCloud cloud, AWSCredentials credentials) => new(credentials, new AmazonSecurityTokenServiceConfig
    {
        ServiceURL = cloud.StsUrl.ToString(),
        AuthenticationRegion = cloud.Options.Region,
        MaxErrorRetry = 0,
    });

    private static async Task<AWSCredentials> IrsaCredentialsAsync(LocalCloud cloud)
    {
        using var sts = Sts(cloud, new AnonymousAWSCredentials());
        var response = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = cloud.Options.RoleArn,
            RoleSessionName = "broker",
            WebIdentityToken = await File.ReadAllTextAsync(cloud.IrsaToken.Path),
        });
        return new SessionAWSCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
    }
}
