using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The socket API as one terminal request delegate, routed by hand: method and body checks, then
/// <see cref="SocketRoute"/>, then authorization against the connection's peer credentials. Reads are lookups in the
/// engine's current generation: no lock, no I/O. <c>.Secrets</c> holds the secret routes and the long poll.
/// </summary>
internal sealed partial class SocketRequestHandler
{
    private readonly SecretRefreshEngine _engine;
    private readonly SidecarReadiness _readiness;
    private readonly SocketAccessPolicy _policy;
    private readonly SecretReadAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly FrozenSet<string> _configured;
    private readonly SocketMetrics _metrics;

    public SocketRequestHandler(
        SecretRefreshEngine engine,
        SidecarReadiness readiness,
        SocketAccessPolicy policy,
        SecretReadAudit audit,
        TimeProvider timeProvider,
        ILogger logger,
        SocketMetrics metrics,
        CancellationToken stopping)
    {
        _metrics = metrics;
        _engine = engine;
        _readiness = readiness;
        _policy = policy;
        _audit = audit;
        _time = timeProvider;
        _logger = logger;
        _stopping = stopping;
        _configured = engine.Definitions.Select(static d => d.Name).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Answers one request and counts it by status (after the response, so a long poll counts once, when it ends).</summary>
    public Task HandleAsync(HttpContext context)
    {
        Task handled = RouteAsync(context);
        if (handled.IsCompletedSuccessfully)
        {
            _metrics.RecordRequest(context.Response.StatusCode);
            return Task.CompletedTask;
        }

        return CountWhenDoneAsync(handled, context);
    }

    private async Task CountWhenDoneAsync(Task handled, HttpContext context)
    {
        try
        {
            await handled.ConfigureAwait(false);
        }
        finally
        {
            _metrics.RecordRequest(context.Response.StatusCode);
        }
    }

    private Task RouteAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        SocketPeerFeature? peer = context.Features.Get<SocketPeerFeature>();
        if (peer is null or { OverCapacity: true })
        {
            context.Response.Headers.Connection = "close";
            context.Response.Headers.RetryAfter = "1";
            return SocketResponses.ProblemAsync(context, StatusCodes.Status429TooManyRequests, "too-many-connections", "Too many connections",
                "The sidecar serves a bounded number of concurrent connections; retry shortly.");
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            context.Response.Headers.Allow = "GET";
            return SocketResponses.ProblemAsync(context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed",
                "The socket API is read-only: GET only.");
        }

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            // The body is not read: close rather than leave it in the connection.
            context.Response.Headers.Connection = "close";
            return SocketResponses.ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "body-not-allowed", "Request body not allowed",
                "GET requests to the socket API carry no body.");
        }

        SocketRoute route = SocketRoute.Parse(request.Path.Value);
        switch (route.Kind)
        {
            case SocketRouteKind.Health:
                return TextAsync(context.Response, StatusCodes.Status200OK, "ok");
            case SocketRouteKind.Ready:
                return _readiness.IsReady
                    ? TextAsync(context.Response, StatusCodes.Status200OK, "ready")
                    : TextAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "not ready");
            case SocketRouteKind.NotFound:
                return NotFoundAsync(context);
        }

        if (peer.Credentials is not { } credentials || !_policy.Admits(credentials))
        {
            return DeniedAsync(context, peer.Credentials, request.Path.Value ?? string.Empty);
        }

        return route.Kind == SocketRouteKind.List
            ? ListAsync(context, credentials)
            : SecretAsync(context, credentials, route.Name!);
    }

    private Task ListAsync(HttpContext context, PeerCredentials peer)
    {
        SecretGeneration generation = _engine.Current;
        List<SecretEntry> visible = new(generation.Secrets.Count);
        foreach (SecretDefinition definition in _engine.Definitions)
        {
            if (generation.TryGet(definition.Name, out SecretEntry? entry) && _policy.MayRead(peer, definition.Name))
            {
                visible.Add(entry);
            }
        }

        return SocketResponses.ListAsync(context.Response, visible);
    }

    private Task DeniedAsync(HttpContext context, PeerCredentials? peer, string target)
    {
        PeerCredentials who = peer ?? new PeerCredentials(0, uint.MaxValue, uint.MaxValue);
        Log.AccessDenied(_logger, target, who.Uid, who.Gid, who.Pid);
        return SocketResponses.ProblemAsync(context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            "This peer (by SO_PEERCRED uid/gid) is not allowed to read this.");
    }

    private static Task NotFoundAsync(HttpContext context) =>
        SocketResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "not-found", "Not found",
            "No such route or secret.");

    private static Task TextAsync(HttpResponse response, int status, string text)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = CacheControlHeaderValue.NoStoreString;
        response.ContentLength = text.Length;
        return response.WriteAsync(text);
    }
}
