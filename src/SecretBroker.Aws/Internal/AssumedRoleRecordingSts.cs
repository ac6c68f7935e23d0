using System.Net;

using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// The SDK's STS client as the web identity credentials see it (<see cref="ICoreAmazonSTS"/>), making the
/// <c>AssumeRoleWithWebIdentity</c> call the way the SDK's own implementation does (same request, same client and
/// retry policy, failures wrapped in <see cref="AmazonClientException"/> "Error calling AssumeRole for role …"), so
/// that the answer's <c>AssumedRoleUser.Arn</c> can be kept: the SDK's implementation drops it. The client belongs to
/// the credentials (one per source, reused by every exchange); disposing this view leaves it open.
/// </summary>
internal sealed class AssumedRoleRecordingSts(AmazonSecurityTokenServiceClient client, Action<string> assumed) : ICoreAmazonSTS, IDisposable
{
    // The net8.0 STS client only has the async call; the SDK's own sync path blocks on it the same way.
    public AssumeRoleImmutableCredentials CredentialsFromAssumeRoleWithWebIdentityAuthentication(string webIdentityToken, string roleArn, string roleSessionName, AssumeRoleWithWebIdentityCredentialsOptions options) =>
        CredentialsFromAssumeRoleWithWebIdentityAuthenticationAsync(webIdentityToken, roleArn, roleSessionName, options).GetAwaiter().GetResult();

    public async Task<AssumeRoleImmutableCredentials> CredentialsFromAssumeRoleWithWebIdentityAuthenticationAsync(string webIdentityToken, string roleArn, string roleSessionName, AssumeRoleWithWebIdentityCredentialsOptions options)
    {
        var request = new AssumeRoleWithWebIdentityRequest
        {
            WebIdentityToken = webIdentityToken,
            RoleArn = roleArn,
            RoleSessionName = roleSessionName,
            ProviderId = options?.ProviderId,
            Policy = options?.Policy,
            DurationSeconds = options?.DurationSeconds,
            PolicyArns = options?.PolicyArns is { Count: > 0 } arns ? [.. arns.Select(static arn => new PolicyDescriptorType { Arn = arn })] : null,
        };

        AssumeRoleWithWebIdentityResponse response;
        try
        {
            response = await client.AssumeRoleWithWebIdentityAsync(request).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The SDK's message and wrapping: callers (and AwsErrors.Credentials) see what they saw before.
            throw new AmazonClientException("Error calling AssumeRole for role " + roleArn, e);
        }

        Credentials credentials = response.Credentials
            ?? throw new AmazonClientException("Error calling AssumeRole for role " + roleArn + ": the answer carries no credentials");
        if (response.AssumedRoleUser?.Arn is { Length: > 0 } arn)
        {
            assumed(arn);
        }

        return new AssumeRoleImmutableCredentials(
            credentials.AccessKeyId,
            credentials.SecretAccessKey,
            credentials.SessionToken,
            credentials.Expiration ?? throw new AmazonClientException("Error calling AssumeRole for role " + roleArn + ": the answer carries no expiration"));
    }

    public AssumeRoleImmutableCredentials CredentialsFromAssumeRoleAuthentication(string roleArn, string roleSessionName, AssumeRoleAWSCredentialsOptions options) => throw new NotSupportedException();

    public Task<AssumeRoleImmutableCredentials> CredentialsFromAssumeRoleAuthenticationAsync(string roleArn, string roleSessionName, AssumeRoleAWSCredentialsOptions options) => throw new NotSupportedException();

    public SAMLImmutableCredentials CredentialsFromSAMLAuthentication(string endpoint, string authenticationType, string roleARN, TimeSpan credentialDuration, ICredentials userCredential) => throw new NotSupportedException();

    public Task<SAMLImmutableCredentials> CredentialsFromSAMLAuthenticationAsync(string endpoint, string authenticationType, string roleARN, TimeSpan credentialDuration, ICredentials userCredential) => throw new NotSupportedException();

    public void Dispose()
    {
        // The client is the credentials' (see the summary).
    }
}
