using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SecretBroker.Backends;

namespace SecretBroker.Vault.Internal;

/// <summary>
/// The thin Vault wire (protocols.md §6): <c>/v1/…</c> paths, <c>X-Vault-Request: true</c>, <c>X-Vault-Namespace</c>,
/// <c>X-Vault-Token</c>; a 2xx body parsed into the envelope (anything else is a transient "not the envelope" naming no
/// body text); error bodies drained unread. No retries: the refresh engine owns them. Bodies are capped, so a proxy's
/// endless page cannot grow memory.
/// </summary>
internal sealed class VaultClient : IDisposable
{
    /// <summary>The largest answer read (1 MiB: Vault's own request limit is 32 MiB, a secret is far smaller).</summary>
    public const int MaxBody = 1 << 20;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string? _namespace;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public VaultClient(HttpMessageHandler handler, Uri address, string? ns, TimeSpan timeout, TimeProvider time, string backend)
    {
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        string root = address.GetLeftPart(UriPartial.Path);
        _base = new Uri((root.EndsWith('/') ? root : root + "/") + "v1/");
        _namespace = string.IsNullOrWhiteSpace(ns) ? null : ns.Trim('/');
        _timeout = timeout;
        _time = time;
        Backend = backend;
    }

    /// <summary>The backend's name, for messages.</summary>
    public string Backend { get; }

    /// <summary>Requests <paramref name="path"/> (relative to <c>/v1/</c>); throws a transient exception for network failures, timeouts and a 2xx body that is not the envelope.</summary>
    public async Task<VaultReply> SendAsync<TBody>(HttpMethod method, string path, string? token, TBody? body, JsonTypeInfo<TBody>? bodyType, CancellationToken cancellationToken)
        where TBody : class
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.Add("X-Vault-Request", "true");
        if (_namespace is not null)
        {
            request.Headers.Add("X-Vault-Namespace", _namespace);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (body is not null && bodyType is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyType));
            request.Content.Headers.ContentType = Json;
        }

        string operation = method.Method;
        // A network deadline is real time (like HttpClient.Timeout in the AWS client): the TimeProvider drives token TTLs
        // and schedules, and a fake clock standing still must not hang, nor a fake clock's jump cancel, a request.
        using var timeout = new CancellationTokenSource(_timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            TimeSpan? retryAfter = RetryAfterHeader.Delay(response, _time);
            if (!response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NoContent)
            {
                // Error bodies are never parsed into messages (they may echo what was sent); the connection is released on dispose.
                return new VaultReply(response.StatusCode, null, retryAfter);
            }

            byte[]? bytes = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (bytes is null)
            {
                throw VaultErrors.NotAnEnvelope(Backend, operation, StripQuery(path));
            }

            if (bytes.Length == 0)
            {
                return new VaultReply(response.StatusCode, null, retryAfter);
            }

            return new VaultReply(response.StatusCode, Parse(bytes) ?? throw VaultErrors.NotAnEnvelope(Backend, operation, StripQuery(path)), retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw VaultErrors.TimedOut(Backend, operation, StripQuery(path), _timeout);
        }
        catch (HttpRequestException e)
        {
            throw VaultErrors.Unreachable(Backend, operation, StripQuery(path), e);
        }
        catch (IOException e)
        {
            throw VaultErrors.Unreachable(Backend, operation, StripQuery(path), e);
        }
    }

    public Task<VaultReply> SendAsync(HttpMethod method, string path, string? token, CancellationToken cancellationToken) =>
        SendAsync<VaultLeaseRequest>(method, path, token, null, null, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>The envelope, or <see langword="null"/> when the bytes are not one (never rethrown: the parser's message may quote the body).</summary>
    internal static VaultEnvelope? Parse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, VaultJson.Default.VaultEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string StripQuery(string path) => path.Split('?')[0];

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBody)
        {
            return null;
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBody)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
