using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using SecretBroker.Backends;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// One <c>type: aws-assume-role</c> set as an engine backend: a fetch is one <c>sts:AssumeRole</c> signed with the
/// source backend's identity, its value the access-key JSON <see cref="AccessKeys"/> reads, its version the access key
/// id, its lease the session's lifetime, so the engine fetches again ahead of expiry (at the lease-renew fraction, 2/3)
/// while the current session keeps being served, and a failed call keeps the last one (stale) until it expires.
/// </summary>
internal sealed class AssumeRoleCredentialBackend(AssumeRoleCredentialSetSettings set, AmazonSecurityTokenServiceClient sts, IReadOnlyList<Tag> tags, TimeProvider time)
    : ISecretBackend, IDisposable
{
    public SecretBackendCapabilities Capabilities => SecretBackendCapabilities.Simple;

    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        List<SecretFetchResult> results = new(secrets.Count);
        foreach (SecretDefinition secret in secrets)
        {
            results.Add(await FetchOneAsync(secret.Name, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public void Dispose() => sts.Dispose();

    private async Task<SecretFetchResult> FetchOneAsync(string name, CancellationToken cancellationToken)
    {
        AssumeRoleResponse response;
        try
        {
            response = await sts.AssumeRoleAsync(
                new AssumeRoleRequest
                {
                    RoleArn = set.RoleArn,
                    RoleSessionName = set.SessionName,
                    DurationSeconds = (int)set.Duration.TotalSeconds,
                    Policy = set.Policy,
                    Tags = tags.Count > 0 ? [.. tags] : null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (e.StatusCode is System.Net.HttpStatusCode.Forbidden || e.ErrorCode is "AccessDenied" or "ValidationError" or "MalformedPolicyDocument" or "PackedPolicyTooLarge")
        {
            // The role refuses us or the request is malformed: retried at the permanent-failure pace, not hammered.
            return SecretFetchResult.Failure(name, new SecretBackendException(SecretErrorKind.Permanent, $"sts:AssumeRole of {set.RoleArn} refused: {e.ErrorCode}: {e.Message}", e));
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            return SecretFetchResult.Failure(name, new SecretBackendException(SecretErrorKind.Transient, $"sts:AssumeRole of {set.RoleArn} failed: {e.Message}", e));
        }

        Amazon.SecurityToken.Model.Credentials credentials = response.Credentials;
        if (credentials?.Expiration is not { } expiresAt)
        {
            return SecretFetchResult.Failure(name, new SecretBackendException(SecretErrorKind.Transient, $"sts:AssumeRole of {set.RoleArn} answered no credentials or no expiration"));
        }

        // As the SDK's own callers do: its DateTime may be local or UTC; the instant is the same.
        DateTimeOffset expiration = new(expiresAt.ToUniversalTime());
        TimeSpan lifetime = expiration - time.GetUtcNow();
        return SecretFetchResult.Success(
            name,
            Json(credentials, expiration, set.AccountId),
            credentials.AccessKeyId,
            new SecretLease(credentials.AccessKeyId, lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1), Renewable: false));
    }

    private static byte[] Json(Amazon.SecurityToken.Model.Credentials credentials, DateTimeOffset expiration, string accountId)
    {
        ArrayBufferWriter<byte> body = new(2048);
        using (Utf8JsonWriter json = new(body))
        {
            json.WriteStartObject();
            json.WriteString("AccessKeyId", credentials.AccessKeyId);
            json.WriteString("SecretAccessKey", credentials.SecretAccessKey);
            json.WriteString("SessionToken", credentials.SessionToken);
            json.WriteString("Expiration", AwsTime.Format(expiration));
            json.WriteString("AccountId", accountId);
            json.WriteEndObject();
        }

        return body.WrittenSpan.ToArray();
    }
}
