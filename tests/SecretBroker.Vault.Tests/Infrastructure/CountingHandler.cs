using System.Collections.Concurrent;
using System.Net;

namespace SecretBroker.Vault.Tests.Infrastructure;

/// <summary>
/// The wire between the backend and the emulator: records every request (method, path, headers) and lets a test answer
/// some requests itself (a 403 with a live token, an HTML page from a proxy), as a real Vault or proxy would.
/// </summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<WireRequest> Requests { get; } = new();

    /// <summary>Answers a request instead of the emulator when it returns a response.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    /// <summary>Holds matching requests until they are cancelled (a Vault that never answers).</summary>
    public Func<HttpRequestMessage, bool>? Hang { get; set; }

    public int Count(string method, string pathPrefix) =>
        Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public int Count(Func<WireRequest, bool> predicate) => Requests.Count(predicate);

    public void Clear() => Requests.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal) ? request.RequestUri.AbsolutePath[4..] : request.RequestUri.AbsolutePath;
        Requests.Enqueue(new WireRequest(
            request.Method.Method,
            Uri.UnescapeDataString(path),
            request.RequestUri.Query,
            request.Headers.TryGetValues("X-Vault-Namespace", out var ns) ? ns.Single() : null,
            request.Headers.TryGetValues("X-Vault-Request", out var vr) ? vr.Single() : null,
            request.Headers.Contains("X-Vault-Token")));
        if (Intercept?.Invoke(request) is { } answer)
        {
            answer.RequestMessage = request;
            return answer;
        }

        if (Hang?.Invoke(request) == true)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) };
}

internal sealed record WireRequest(string Method, string Path, string Query, string? Namespace, string? VaultRequest, bool HasToken);
