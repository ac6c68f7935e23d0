using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The model-store path with the AWS SDK for .NET (its own container-credentials provider and S3 client, nobody
/// here wrote either): the real sidecar (IRSA) chains into the model-store role and serves the session on its
/// credentials route; the SDK, told only the two <c>AWS_CONTAINER_*</c> variables, lists and reads the model files
/// from a bucket only that role may read, and — the sessions lasting 6 s here — keeps reading across the sidecar's
/// replacement sessions without a restart.
/// </summary>
/// <remarks>
/// The SDK's provider is told to treat a session as expiring 0.5 s (not 1 min) before its <c>Expiration</c> and to start
/// its background refresh 1.5 s before. With its defaults every 6 s session is "expired" the moment it arrives, so the
/// provider fetches anew on each <c>GetCredentials</c> — and the SDK's signer (AWSSDK.Core 4.0,
/// <c>Signer.SignRequestAsync</c>) calls it twice per request: once for the <c>X-Amz-Security-Token</c> header, once
/// inside the SigV4 signer for the key pair. A sidecar rotation between the two calls sent one session's key with the
/// previous session's token (S3: InvalidToken, in about one run in four). In production the sidecar serves sessions
/// that expire well outside the SDK's windows (README: the caveat for the AWS SDK for .NET), so both calls see one
/// cached session; sessions this short only exist to make the test cross several of them.
/// </remarks>
[Collection(nameof(ProcessEnvironment))]
public sealed class DotNetSdkReadsTheModelStoreThroughTheSidecarTests
{
    [Fact]
    public async Task The_sdk_reads_the_model_files_and_keeps_reading_across_the_sidecars_new_sessions()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Sts.AssumeRoleSessionLifetime = TimeSpan.FromSeconds(6));
        string modelRole = setup.Cloud.Options.ModelStoreRoleArn;
        byte[] weights = Encoding.UTF8.GetBytes("not really a safetensors file, for the .NET SDK");
        string config = ModelStoreSetup.Seed(setup, weights, "hf_model_store_dotnet");

        // The sidecar starts before this process's environment names the route, so it never sees those variables.
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        Uri route = await ModelStoreSetup.RouteAsync(sidecar);
        string tokenFile = ModelStoreSetup.TokenFile(setup);

        using ContainerCredentialsVariables variables = ContainerCredentialsVariables.Set(route, tokenFile);
        using GenericContainerCredentials credentials = new()
        {
            ExpirationBuffer = TimeSpan.FromSeconds(0.5),
            PreemptExpiryTime = TimeSpan.FromSeconds(1.5),
        };
        using AmazonS3Client s3 = new(credentials, new AmazonS3Config
        {
            ServiceURL = setup.Cloud.S3Url.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = setup.Cloud.Options.Region,
        });

        HashSet<string> sessions = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                ListObjectsV2Response listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = ModelStoreSetup.Bucket, Prefix = "models/" });
                Assert.Equal(["models/llama/config.json", "models/llama/weights.bin"], listing.S3Objects.Select(o => o.Key));
                using GetObjectResponse got = await s3.GetObjectAsync(ModelStoreSetup.Bucket, "models/llama/weights.bin");
                using MemoryStream body = new();
                await got.ResponseStream.CopyToAsync(body);
                Assert.Equal(weights, body.ToArray());
                sessions.Add((await credentials.GetCredentialsAsync()).AccessKey);
                return sessions.Count >= 2;
            },
            TimeSpan.FromSeconds(30),
            "the SDK reading with a second session of the sidecar's");

        foreach (string accessKeyId in sessions)
        {
            Assert.Equal(modelRole, setup.Cloud.Sessions.Find(accessKeyId)!.RoleArn);
        }

        Assert.Equal(0, setup.Cloud.Counters.Count("s3.ListObjectsV2", "AccessDenied"));
        Assert.Equal(0, setup.Cloud.Counters.Count("s3.GetObject", "AccessDenied"));
        Assert.Equal(setup.Cloud.Counters.Count("s3.GetObject"), setup.Cloud.Counters.Count("s3.GetObject", "ok"));
    }
}
