using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The socket API as one terminal request delegate, routed by hand: size, method and body checks, then
/// <see cref="SocketRoute"/>, the <see cref="SocketConnectionBudget"/> (health routes are answered even over it), then
/// authorization against the connection's peer credentials (a denied peer's connection is closed). Reads are lookups in the
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
    private readonly SocketConnectionBudget _budget;
    private readonly AccessDeniedAudit _denials;
    private readonly ThrottledWarning _overCapacityWarning;
    private readonly ThrottledWarning _tooManyWatchersWarning;

    public SocketRequestHandler(
        SecretRefreshEngine engine,
        SidecarReadiness readiness,
        SocketAccessPolicy policy,
        SecretReadAudit audit,
        TimeProvider timeProvider,
        ILogger logger,
        SocketMetrics metrics,
        SocketConnectionBudget budget,
        AccessDeniedAudit denials,
        CancellationToken stopping)
    {
        _budget = budget;
        _denials = denials;
        _overCapacityWarning = new ThrottledWarning(timeProvider);
        _tooManyWatchersWarning = new ThrottledWarning(timeProvider);
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
        PeerCredentials? credentials = context.Features.Get<SocketPeerFeature>()?.Credentials;
        if (RequestSizeLimits.RejectIfExceeded(context) is { } rejected)
        {
            return rejected;
        }

        // Methods are case-sensitive (RFC 9110 9.1): "get" is not GET (HttpMethods.IsGet would accept it).
        if (!string.Equals(request.Method, HttpMethods.Get, StringComparison.Ordinal))
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
        bool overCapacity = !IsLongPoll(request) && _budget.PlainOverCapacity;
        if (overCapacity)
        {
            // Free the slot after this answer. Health and readiness are still answered: they cost no more than a 429.
            context.Response.Headers.Connection = "close";
        }

        switch (route.Kind)
        {
            case SocketRouteKind.Health:
                return TextAsync(context.Response, StatusCodes.Status200OK, "ok");
            case SocketRouteKind.Ready:
                return _readiness.IsReady
                    ? TextAsync(context.Response, StatusCodes.Status200OK, "ready")
                    : TextAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "not ready");
        }

        if (overCapacity)
        {
            if (_overCapacityWarning.Occurred(out int refused))
            {
                Log.ConnectionLimitReached(_logger, _budget.OpenConnections - _budget.Watching, _budget.MaxConnections, refused);
            }

            return TooManyAsync(context, "too-many-connections", "Too many connections",
                "The sidecar serves a bounded number of concurrent connections; retry shortly.");
        }

        if (route.Kind == SocketRouteKind.NotFound)
        {
            return NotFoundAsync(context);
        }

        if (credentials is not { } peer || !_policy.Admits(peer))
        {
            return DeniedAsync(context, credentials, request.Path.Value ?? string.Empty);
        }

        return route.Kind == SocketRouteKind.List
            ? ListAsync(context, peer)
            : SecretAsync(context, peer, route.Name!);
    }

    /// <summary>A request that asks to wait (<c>?wait=N</c>, N &gt; 0): it draws from the long-poll budget instead.</summary>
    private static bool IsLongPoll(HttpRequest request) =>
        request.Query["wait"] is { Count: 1 } wait && wait[0] is { Length: > 0 } text && text != "0";

    private static Task TooManyAsync(HttpContext context, string type, string title, string detail)
    {
        context.Response.Headers.Connection = "close";
        context.Response.Headers.RetryAfter = "1";
        return SocketResponses.ProblemAsync(context, StatusCodes.Status429TooManyRequests, type, title, detail);
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
        _denials.Denied(who, target);

        // A denied peer has nothing more to do here: its connection goes, and with it the slot it held.
        context.Response.Headers.Connection = "close";
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
