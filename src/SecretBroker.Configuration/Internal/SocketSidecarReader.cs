using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Reads the sidecar over its Unix socket (<c>GET /v1/secrets</c>, <c>GET /v1/secrets/{name}</c>) and follows each
/// secret with a long poll (<c>If-None-Match</c> + <c>?wait=N</c>), so a rotation arrives as soon as the sidecar has it.
/// </summary>
internal sealed partial class SocketSidecarReader : ISidecarReader
{
    private readonly HttpClient _http;
    private readonly string _socketPath;
    private readonly TimeSpan _wait;
    private readonly ExponentialBackoff _backoff;
    private readonly TimeProvider _timeProvider;
    private readonly PollSignal _polls;
    private readonly uint? _socketUid;

    public SocketSidecarReader(string socketPath, uint? socketUid, TimeSpan wait, ExponentialBackoff backoff, TimeProvider timeProvider, PollSignal polls)
    {
        _socketPath = socketPath;
        _socketUid = socketUid;
        _wait = wait;
        _backoff = backoff;
        _timeProvider = timeProvider;
        _polls = polls;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            // Below the sidecar's 10 s idle deadline, so a pooled connection is never reused just as the sidecar closes it.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            AllowAutoRedirect = false,
        };

        // One client per provider; requests carry their own deadlines (a long poll outlives any fixed timeout).
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://secretbroker/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>How long the synchronous first load (and an explicit reload) may wait for the sidecar.</summary>
    public static readonly TimeSpan FirstLoadDeadline = TimeSpan.FromSeconds(30);

    public SecretSet Load()
    {
        // The first-load deadline runs on the injected clock like every other wait of the provider.
        using var cts = new CancellationTokenSource(FirstLoadDeadline, _timeProvider);

        try
        {
            // ConfigurationProvider.Load is synchronous; there is no synchronization context to deadlock on here.
            return Task.Run(() => LoadAsync(SecretSet.Empty, requireReady: false, cts.Token), cts.Token).GetAwaiter().GetResult();
        }
        catch (HttpRequestException e) when (e.InnerException is SidecarSocketException socket)
        {
            // The socket's own words (not found, impostor, ...) say more than HttpClient's wrapper.
            ExceptionDispatchInfo.Throw(socket);
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Every connection is checked: the serving process must be the sidecar's uid (see <see cref="SidecarSocket"/>).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        new NetworkStream(await SidecarSocket.ConnectAsync(_socketPath, _socketUid, cancellationToken).ConfigureAwait(false), ownsSocket: true);

    /// <summary>
    /// Reads the list and every secret on it. With <paramref name="requireReady"/>, a sidecar that is still loading (a
    /// restart) counts as a failure to retry, so a half-loaded list never replaces good data; a secret not loaded yet
    /// keeps its <paramref name="previous"/> value.
    /// </summary>
    private async Task<SecretSet> LoadAsync(SecretSet previous, bool requireReady, CancellationToken cancellationToken)
    {
        if (requireReady)
        {
            using HttpResponseMessage ready = await _http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (ready.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException($"secretbroker socket {_socketPath}: not ready yet ({(int)ready.StatusCode})", null, ready.StatusCode);
            }
        }

        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (string name in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            Fetched fetched = await GetAsync(name, ifNoneMatch: null, waitSeconds: 0, cancellationToken).ConfigureAwait(false);
            if (fetched.Value is { } value)
            {
                secrets[name] = value;
            }
            else if (fetched.NotReady && !fetched.Expired && previous.Secrets.TryGetValue(name, out SecretValue? last))
            {
                secrets[name] = last;
            }
        }

        return new SecretSet(secrets);
    }

    private async Task<List<string>> ListAsync(CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri("v1/secrets", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using JsonDocument document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetProperty("name").GetString()).OfType<string>()];
    }

    /// <summary>
    /// One secret: <see cref="Fetched.Value"/> when it was returned, <see cref="Fetched.Unchanged"/> on 304,
    /// <see cref="Fetched.NotReady"/> when the sidecar has not loaded it yet (503) and also <see cref="Fetched.Expired"/>
    /// when it withdrew it because its lease ended (503 <c>lease-ended</c>), none of them when it is gone or not readable
    /// by this process (404, 403).
    /// </summary>
    private async Task<Fetched> GetAsync(string name, string? ifNoneMatch, int waitSeconds, CancellationToken cancellationToken)
    {
        string path = "v1/secrets/" + Uri.EscapeDataString(name) + (waitSeconds > 0 ? "?wait=" + waitSeconds.ToString(CultureInfo.InvariantCulture) : string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{ifNoneMatch}\""));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(waitSeconds + 30));
        using HttpResponseMessage response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                byte[] value = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
                string version = response.Headers.ETag?.Tag.Trim('"') ?? string.Empty;
                return new Fetched(new SecretValue(value, version), Unchanged: false, NotReady: false);
            case HttpStatusCode.NotModified:
                return new Fetched(null, Unchanged: true, NotReady: false);
            case HttpStatusCode.ServiceUnavailable:
                bool expired = await IsLeaseEndedAsync(response, deadline.Token).ConfigureAwait(false);
                return new Fetched(null, Unchanged: false, NotReady: true, expired);
            case HttpStatusCode.NotFound or HttpStatusCode.Forbidden:
                return new Fetched(null, Unchanged: false, NotReady: false);
            default:
                throw new HttpRequestException($"secretbroker socket {_socketPath}: GET /v1/secrets/{name} answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    private const string LeaseEndedProblem = "urn:secretbroker:problem:lease-ended";

    /// <summary>Whether a 503 is the sidecar's <c>lease-ended</c> problem: the value is dead, not merely not loaded yet.</summary>
    private static async Task<bool> IsLeaseEndedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument problem = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("type", out JsonElement type)
                && type.ValueKind == JsonValueKind.String
                && type.ValueEquals(LeaseEndedProblem);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Expired (with NotReady): withdrawn because its lease ended, so the last value is never kept.
    private readonly record struct Fetched(SecretValue? Value, bool Unchanged, bool NotReady, bool Expired = false);
}
