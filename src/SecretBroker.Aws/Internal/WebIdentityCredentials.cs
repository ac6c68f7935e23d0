using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// The SDK's IRSA credentials (the token file is re-read at every exchange; renewal is the SDK's, see README) with the
/// STS client pinned to our region and, when configured, our STS endpoint (one client for every exchange, disposed
/// with the credentials), and the assumed-role ARN of the latest exchange kept for diagnostics.
/// </summary>
internal sealed class WebIdentityCredentials(string tokenFile, string roleArn, string? sessionName, RegionEndpoint region, Uri? stsEndpoint)
    : AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, sessionName)
{
    private readonly Lazy<AmazonSecurityTokenServiceClient> _sts = new(() => CreateStsClient(region, stsEndpoint));
    private volatile string? _assumedRoleArn;

    /// <summary>The STS endpoint in force, or <see langword="null"/> for the SDK's regional default.</summary>
    public Uri? StsEndpoint => stsEndpoint;

    /// <summary><c>AssumedRoleUser.Arn</c> of the latest successful exchange; <see langword="null"/> before the first.</summary>
    public string? AssumedRoleArn => _assumedRoleArn;

    protected override ICoreAmazonSTS CreateClient() => new AssumedRoleRecordingSts(_sts.Value, arn => _assumedRoleArn = arn);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _sts.IsValueCreated)
        {
            _sts.Value.Dispose();
        }

        base.Dispose(disposing);
    }

    private static AmazonSecurityTokenServiceClient CreateStsClient(RegionEndpoint region, Uri? stsEndpoint) =>
        // AssumeRoleWithWebIdentity is unsigned: anonymous credentials, as the SDK's own client uses.
        new(new AnonymousAWSCredentials(), StsConfig(region, stsEndpoint));

    /// <summary>The STS client configuration for <paramref name="stsEndpoint"/>, else the regional endpoint.</summary>
    internal static AmazonSecurityTokenServiceConfig StsConfig(RegionEndpoint region, Uri? stsEndpoint)
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

        return config;
    }
}
