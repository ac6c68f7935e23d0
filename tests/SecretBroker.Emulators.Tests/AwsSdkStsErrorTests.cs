using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>The AWS SDK reads the emulator's error XML as the modelled exception, not as an unknown error.</summary>
public sealed class AwsSdkStsErrorTests
{
    [Fact]
    public async Task A_wrong_audience_surfaces_in_the_AWS_SDK_as_InvalidIdentityTokenException()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        using var sts = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = cloud.StsUrl.ToString(),
            AuthenticationRegion = cloud.Options.Region,
            MaxErrorRetry = 0,
        });

        var error = await Assert.ThrowsAsync<InvalidIdentityTokenException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = cloud.Options.RoleArn,
            RoleSessionName = "dotnet-sdk",
            WebIdentityToken = cloud.Issuer.Mint(new ServiceAccountTokenRequest { Audiences = ["vault"] }),
        }));

        Assert.Equal("InvalidIdentityToken", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Incorrect token audience", error.Message);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(ErrorType.Sender, error.ErrorType);
    }
}
