using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

using SecretBroker.Backends;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// A thin Secrets Manager client over the JSON 1.1 protocol: <c>POST /</c> with <c>X-Amz-Target</c>, signed by
/// AWSSDK.Core's <see cref="SigV4SigningHandler"/>. One <see cref="HttpClient"/> per instance, disposed with it.
/// Every failure leaves as a classified <see cref="SecretBackendException"/>.
/// </summary>
internal sealed class SecretsManagerClient : IDisposable
{
    private const string ContentType = "application/x-amz-json-1.1";
    private const int MaxResponseBytes = 8 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonContentType = new(ContentType);

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public SecretsManagerClient(Uri endpoint, AWSCredentials credentials, RegionEndpoint region, HttpMessageHandler inner, TimeSpan timeout, TimeProvider time)
    {
        _endpoint = endpoint;
        _timeout = timeout;
        _time = time;
        _http = new HttpClient(new SigV4SigningHandler(credentials, region, "secretsmanager", inner), disposeHandler: true)
        {
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
    }

    public Uri Endpoint => _endpoint;

    public async Task<SecretValueEntry> GetSecretValueAsync(string secretId, string? versionId, string? versionStage, CancellationToken cancellationToken)
    {
        const string Operation = "GetSecretValue";
        string what = $"secret '{secretId}'";
        byte[] body = SecretsManagerJson.GetSecretValueRequest(secretId, versionId, versionStage);
        return await SendAsync(Operation, what, body, root => SecretsManagerJson.ReadSecretValue(root), cancellationToken).ConfigureAwait(false);
    }

    public async Task<BatchGetResult> BatchGetSecretValueAsync(IReadOnlyList<string> secretIds, CancellationToken cancellationToken)
    {
        const string Operation = "BatchGetSecretValue";
        string what = secretIds.Count == 1 ? $"secret '{secretIds[0]}'" : $"{secretIds.Count} secrets ('{secretIds[0]}', …)";
        byte[] body = SecretsManagerJson.BatchGetSecretValueRequest(secretIds);
        return await SendAsync(Operation, what, body, SecretsManagerJson.ReadBatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SecretDescription> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        const string Operation = "DescribeSecret";
        byte[] body = SecretsManagerJson.DescribeSecretRequest(secretId);
        return await SendAsync(Operation, $"secret '{secretId}'", body, SecretsManagerJson.ReadDescription, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(string operation, string what, byte[] body, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager." + operation);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonContentType;

        byte[] answer;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw AwsErrors.Timeout(operation, what, _timeout);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            // Raised by the signer while fetching credentials (STS or the Pod Identity agent failing).
            throw AwsErrors.Credentials(operation, what, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw AwsErrors.Network(operation, what, ex);
        }

        using (response)
        {
            try
            {
                answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw AwsErrors.Timeout(operation, what, _timeout);
            }
            catch (HttpRequestException ex) when (ex.InnerException is null && response.IsSuccessStatusCode)
            {
                throw AwsErrors.ResponseTooLarge(operation, what, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw AwsErrors.Network(operation, what, ex);
            }

            if (!response.IsSuccessStatusCode)
            {
                (string? code, string? message) = SecretsManagerJson.ReadError(answer);
                throw AwsErrors.Service(operation, what, response.StatusCode, code, message, RetryAfterHeader.Delay(response, _time));
            }
        }

        try
        {
            using JsonDocument document = SecretsManagerJson.Parse(answer);
            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw AwsErrors.MalformedResponse(operation, what, ex.LineNumber);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // Bad base64 in SecretBinary, or a member of an unexpected JSON type.
            throw AwsErrors.MalformedResponse(operation, what, null);
        }
    }
}
