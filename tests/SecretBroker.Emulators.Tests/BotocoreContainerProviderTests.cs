using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>botocore's container credential provider against the Pod Identity agent emulator.</summary>
public sealed class BotocoreContainerProviderTests
{
    [Fact]
    public async Task Botocore_gets_pod_identity_credentials_from_the_agent_and_uses_them_for_Secrets_Manager()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/huggingface", "hf_pod_identity");

        var result = await PythonRunner.RunAsync("botocore_container.py", new Dictionary<string, string>
        {
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = cloud.PodIdentityCredentialsUri.ToString(),
            ["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = cloud.PodIdentityToken.Path,
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = cloud.SecretsManagerUrl.ToString().TrimEnd('/'),
            ["AWS_REGION"] = cloud.Options.Region,
            ["AWS_DEFAULT_REGION"] = cloud.Options.Region,
            ["SB_SECRET"] = "prod/huggingface",
        });

        Assert.Equal("container-role", result.GetProperty("credentialMethod").GetString());
        Assert.Equal("hf_pod_identity", result.GetProperty("secretString").GetString());
        var session = Assert.Single(cloud.Sessions.All());
        Assert.Equal("pod-identity", session.IssuedBy);
        Assert.Equal(session.AccessKeyId, result.GetProperty("accessKeyId").GetString());
        Assert.Equal(1, cloud.Counters.Count("pod-identity.GetCredentials", "ok"));
        Assert.Equal(1, cloud.Counters.SignaturesVerified);
    }
}
