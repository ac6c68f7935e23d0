using System.Globalization;
using System.Text;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The model-store scene the clients read through the sidecar: a bucket <c>weights</c> only the local cloud's
/// model-store role may read, holding <c>models/llama/config.json</c> and <c>models/llama/weights.bin</c>, and a sidecar
/// config whose credential set <c>weights</c> chains the IRSA identity into that role.
/// </summary>
internal static class ModelStoreSetup
{
    public const string Bucket = "weights";
    public const string SetName = "weights";

    /// <summary>Seeds the bucket and the Hugging Face secret; returns the config path (files + loopback listener).</summary>
    public static string Seed(AwsCloudSetup setup, byte[] weights, string token)
    {
        string modelRole = setup.Cloud.Options.ModelStoreRoleArn;
        setup.Cloud.Objects.CreateBucket(Bucket, [modelRole]);
        setup.Cloud.Objects.Put(Bucket, "models/llama/config.json", Encoding.UTF8.GetBytes("{}"), "application/json");
        setup.Cloud.Objects.Put(Bucket, "models/llama/weights.bin", weights);
        setup.PutToken(token);
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30), http: true);
        File.AppendAllText(config, $"credentials:\n  {SetName}: {{ type: aws-assume-role, backend: models, roleArn: \"{modelRole}\", duration: 15m }}\n");
        return config;
    }

    /// <summary>The running sidecar's credentials route for the set, once its listener is up.</summary>
    public static async Task<Uri> RouteAsync(SidecarProcess sidecar)
    {
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        return new("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture) + "/v1/credentials/aws/" + SetName);
    }

    /// <summary>The token file a container passes as <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>.</summary>
    public static string TokenFile(AwsCloudSetup setup) => Path.Combine(setup.OutputDirectory, "aws-credentials-token");
}
