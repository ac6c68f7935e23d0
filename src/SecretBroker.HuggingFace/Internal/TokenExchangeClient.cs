using System.Net.Http.Headers;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>
/// The RFC 8693 token exchange at <c>{endpoint}/oauth/token</c>: a form POST of the projected token
/// (<c>subject_token_type</c> id_token) for one <c>resource</c>. One <see cref="HttpClient"/> per backend, disposed with
/// it; every failure leaves as a classified <see cref="Backends.SecretBackendException"/> that names no token.
/// </summary>
internal sealed class TokenExchangeClient : IDisposable
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string SubjectTokenType = "urn:ietf:params:oauth:token-type:id_token";

    private const int MaxResponseBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public TokenExchangeClient(Uri endpoint, HttpMessageHandler inner, TimeSpan timeout, TimeProvider time)
    {
        TokenUri = HubEndpoint.TokenUri(endpoint);
        _timeout = timeout;
        _time = time;
        _http = new HttpClient(inner, disposeHandler: true) { Timeout = timeout, MaxResponseContentBufferSize = MaxResponseBytes };
    }

    public Uri TokenUri { get; }

    public async Task<ExchangedToken> ExchangeAsync(string subjectToken, string resource, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUri)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", GrantType),
                new("subject_token", subjectToken),
                new("subject_token_type", SubjectTokenType),
                new("resource", resource),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

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
            throw HuggingFaceMessages.Timeout(resource, _timeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw HuggingFaceMessages.Network(resource, e);
        }

        byte[] body;
        using (response)
        {
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw HuggingFaceMessages.Timeout(resource, _timeout);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw HuggingFaceMessages.Network(resource, e);
            }

            if (!response.IsSuccessStatusCode)
            {
                (string? error, string? description) = TokenExchangeJson.ReadError(body);
                throw HuggingFaceMessages.Refused(resource, response.StatusCode, error, description, Backends.RetryAfterHeader.Delay(response, _time), subjectToken);
            }
        }

        return TokenExchangeJson.ReadSuccess(body, out string problem) ?? throw HuggingFaceMessages.Malformed(resource, problem);
    }

    public void Dispose() => _http.Dispose();
}
