using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OpenTelemetry.Metrics;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Http.Credentials;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// The loopback listener's routes: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> (OpenTelemetry's
/// Prometheus scraping middleware) and, with <c>credentials:</c> configured, <c>/v1/credentials/aws/&lt;name&gt;</c>
/// (<see cref="CredentialsEndpoint"/>). GET only (405, case-sensitive), no body (413), a loopback <c>Host</c> only (421), the socket API's size limits (414/431), everything else 404. Only the credentials route
/// reaches a secret value, and only with the token it requires: readiness is one flag, metrics carry names and figures only.
/// </summary>
internal sealed class HttpRequestHandler(SidecarReadiness readiness, CredentialsEndpoint? credentials = null)
{
    /// <summary>
    /// The request pipeline: a middleware pipeline built by hand, since the sidecar runs a bare Kestrel server without
    /// the web host that would otherwise build one.
    /// </summary>
    public RequestDelegate Build(IServiceProvider services, MeterProvider meterProvider)
    {
        ApplicationBuilder app = new(services);
        app.Use(RejectAsync);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider,
            // The exact path: the path overload branches on a prefix and would also answer /metrics/anything.
            static context => context.Request.Path == "/metrics",
            path: null,
            static branch => branch.Use(static (context, next) =>
            {
                context.Response.Headers.CacheControl = CacheControlHeaderValue.NoStoreString;
                return next(context);
            }),
            optionsName: null);
        app.Run(HandleAsync);
        return app.Build();
    }

    private static Task RejectAsync(HttpContext context, RequestDelegate next)
    {
        HttpRequest request = context.Request;
        if (RequestSizeLimits.RejectIfExceeded(context) is { } rejected)
        {
            return rejected;
        }

        if (!LoopbackHost.IsAccepted(request.Host))
        {
            context.Response.Headers.Connection = "close";
            return SocketResponses.ProblemAsync(context, StatusCodes.Status421MisdirectedRequest, "misdirected", "Misdirected request",
                "This listener answers only Host localhost, 127.0.0.0/8 or [::1] (with an optional port).");
        }

        // Methods are case-sensitive (RFC 9110 9.1): "get" is not GET (HttpMethods.IsGet would accept it).
        if (!string.Equals(request.Method, HttpMethods.Get, StringComparison.Ordinal))
        {
            context.Response.Headers.Allow = "GET";
            return TextAsync(context.Response, StatusCodes.Status405MethodNotAllowed, "method not allowed: GET only");
        }

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            context.Response.Headers.Connection = "close";
            return TextAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "a GET carries no body");
        }

        return next(context);
    }

    private Task HandleAsync(HttpContext context) => context.Request.Path.Value switch
    {
        { } path when credentials is not null && path.StartsWith(CredentialsEndpoint.RoutePrefix, StringComparison.Ordinal)
            => credentials.HandleAsync(context, path[CredentialsEndpoint.RoutePrefix.Length..]),
        "/healthz" => TextAsync(context.Response, StatusCodes.Status200OK, "ok"),
        "/readyz" => readiness.IsReady
            ? TextAsync(context.Response, StatusCodes.Status200OK, "ready")
            : TextAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "not ready"),
        _ => TextAsync(context.Response, StatusCodes.Status404NotFound, "not found"),
    };

    private static async Task TextAsync(HttpResponse response, int status, string text)
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = CacheControlHeaderValue.NoStoreString;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body).ConfigureAwait(false);
    }
}
