using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Request size limits of the socket API and the loopback listener, enforced in two tiers. Kestrel answers a request
/// over its own limits itself, with an empty body; so Kestrel gets <see cref="HardLimitFactor"/> times our limits and
/// our handlers enforce the real ones, answering 414/431 as <c>application/problem+json</c> like every other error.
/// Only a request beyond the outer tier (16 KiB line, 32 KiB of headers, 128 header lines) still gets Kestrel's
/// empty answer.
/// </summary>
internal static class RequestSizeLimits
{
    public const int MaxRequestLine = 4 * 1024;
    public const int MaxHeadersTotalSize = 8 * 1024;
    public const int MaxHeaderCount = 32;
    public const int HardLimitFactor = 4;

    /// <summary>Header deadline (first byte to end of headers) and idle deadline between requests on a connection.</summary>
    public static readonly TimeSpan HeaderDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Kestrel's limits for both listeners: the outer tier, the header and idle deadlines, no body.</summary>
    public static void Apply(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestHeadersTotalSize = MaxHeadersTotalSize * HardLimitFactor;
        limits.MaxRequestLineSize = MaxRequestLine * HardLimitFactor;
        limits.MaxRequestHeaderCount = MaxHeaderCount * HardLimitFactor;
        limits.MaxRequestBodySize = 0;
        limits.RequestHeadersTimeout = HeaderDeadline;

        // Also the wait for the first request of a connection (Kestrel treats that as idle, not as a header wait); our
        // FirstByteDeadline enforces it on the TimeProvider as well.
        limits.KeepAliveTimeout = HeaderDeadline;
    }

    /// <summary>
    /// Answers a request over our limits with 414 or 431 as problem+json (and closes the connection); returns
    /// <see langword="null"/>, answering nothing, when the request is within them.
    /// </summary>
    public static Task? RejectIfExceeded(HttpContext context)
    {
        if (Exceeded(context) is not { } status)
        {
            return null;
        }

        context.Response.Headers.Connection = "close";
        return status == StatusCodes.Status414UriTooLong
            ? SocketResponses.ProblemAsync(context, status, "uri-too-long", "Request target too long",
                $"The request line is limited to {MaxRequestLine} bytes.")
            : SocketResponses.ProblemAsync(context, status, "headers-too-large", "Request headers too large",
                $"Requests are limited to {MaxHeaderCount} header lines and {MaxHeadersTotalSize} bytes of headers.");
    }

    /// <summary>The status (414 or 431) for a request over our limits, else <see langword="null"/>.</summary>
    public static int? Exceeded(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpRequest request = context.Request;
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.Path.Value + request.QueryString.Value;

        // "METHOD SP target SP HTTP/1.1"
        if (request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length > MaxRequestLine)
        {
            return StatusCodes.Status414UriTooLong;
        }

        int lines = 0;
        int bytes = 0;
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            foreach (string? value in values)
            {
                lines++;
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2; // "name: value\r\n"
            }
        }

        return lines > MaxHeaderCount || bytes > MaxHeadersTotalSize ? StatusCodes.Status431RequestHeaderFieldsTooLarge : null;
    }
}
