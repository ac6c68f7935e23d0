using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>AWSSDK.SecurityToken (a client nobody here wrote) against the STS emulator, then its credentials signed by AWSSDK.Core.</summary>
public sealed class AwsSdkAssumeRoleWithWebIdentityTests
{
    [Fact]
    public async Task The_AWS_SDK_gets_session_credentials_that_Secrets_Manager_accepts()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/huggingface", "hf_dotnet");
        using var sts = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = cloud.StsUrl.ToString(),
            AuthenticationRegion = cloud.Options.Region,
        });

        var response = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = cloud.Options.RoleArn,
            RoleSessionName = "dotnet-sdk",
            WebIdentityToken = await File.ReadAllTextAsync(cloud.IrsaToken.Path),
        });

        Assert.StartsWith("ASIA", response.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/broker/dotnet-sdk", response.AssumedRoleUser.Arn);
        Assert.Equal("system:serviceaccount:apps:broker", response.SubjectFromWebIdentityToken);
        Assert.Equal(cloud.Issuer.Issuer, response.Provider);
        var session = cloud.Sessions.Find(response.Credentials.AccessKeyId);
        Assert.NotNull(session);
        Assert.Equal(session.Expiration, new DateTimeOffset(response.Credentials.Expiration!.Value.ToUniversalTime()));

        var credentials = new SessionAWSCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
        var (status, body) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/huggingface" });
        Assert.Equal(200, status);
        Assert.Equal("hf_dotnet", body.GetProperty("SecretString").GetString());
        Assert.Equal(1, cloud.Counters.SignaturesVerified);
    }
}
