using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>The AWS SDK for .NET's S3 client (its own signer, path-style) reads the S3 emulator with issued session credentials.</summary>
public sealed class AwsSdkS3Tests
{
    [Fact]
    public async Task The_dotnet_sdk_lists_gets_a_range_and_heads_with_verified_signatures()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Objects.CreateBucket("weights");
        cloud.Objects.Put("weights", "models/a b/config.json", Encoding.UTF8.GetBytes("{\"a\":1}"), "application/json");
        cloud.Objects.Put("weights", "models/a b/weights.bin", [.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var session = cloud.Sessions.Issue("test", "test", TimeSpan.FromHours(1));
        using var s3 = new AmazonS3Client(
            new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken),
            new AmazonS3Config { ServiceURL = cloud.S3Url.ToString(), ForcePathStyle = true, AuthenticationRegion = cloud.Options.Region, MaxErrorRetry = 0 });

        ListObjectsV2Response listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "weights", Prefix = "models/" });
        using GetObjectResponse ranged = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "weights", Key = "models/a b/weights.bin", ByteRange = new ByteRange(4, 7) });
        using var body = new MemoryStream();
        await ranged.ResponseStream.CopyToAsync(body);
        GetObjectMetadataResponse head = await s3.GetObjectMetadataAsync("weights", "models/a b/config.json");
        // The SDK parses our XML error into its modelled exception.
        var missing = await Assert.ThrowsAsync<NoSuchKeyException>(() => s3.GetObjectAsync("weights", "models/none"));

        Assert.Equal(["models/a b/config.json", "models/a b/weights.bin"], listed.S3Objects.Select(o => o.Key));
        Assert.Equal(new byte[] { 4, 5, 6, 7 }, body.ToArray());
        Assert.Equal(7, head.ContentLength);
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        Assert.Equal(4, cloud.Counters.SignaturesVerified);
    }
}
