using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// The SDK's IRSA credentials (the token file is re-read at every exchange, refreshed 15 min ahead of expiry) with the
/// STS client pinned to our region and, when configured, our STS endpoint.
/// </summary>
internal sealed class WebIdentityCredentials(string tokenFile, string roleArn, string? sessionName, RegionEndpoint region, Uri? stsEndpoint)
    : AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, sessionName)
{
    /// <summary>The STS endpoint in force, or <see langword="null"/> for the SDK's regional default.</summary>
    public Uri? StsEndpoint => stsEndpoint;

    protected override ICoreAmazonSTS CreateClient()
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (stsEndpoint is null)
        {
            config.RegionEndpoint = region;
        }
        else
        {
            config.ServiceURL = stsEndpoint.ToString();
            config.AuthenticationRegion = region.SystemName;
        }

        // AssumeRoleWithWebIdentity is unsigned: anonymous credentials, as the SDK's own client uses.
        return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
    }
}
