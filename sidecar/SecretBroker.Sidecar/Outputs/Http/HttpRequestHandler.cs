using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// The loopback listener's three routes, by hand: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>. GET only (405),
/// no body (413), everything else 404. Nothing here can reach a secret value: readiness is one flag, metrics carry
/// names and figures only.
/// </summary>
internal sealed class HttpRequestHandler(SecretRefreshEngine engine, PrometheusExporter exporter)
{
    public Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!HttpMethods.IsGet(request.Method))
        {
            context.Response.Headers.Allow = "GET";
            return TextAsync(context.Response, StatusCodes.Status405MethodNotAllowed, "method not allowed: GET only");
        }

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            context.Response.Headers.Connection = "close";
            return TextAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "a GET carries no body");
        }

        return request.Path.Value switch
        {
            "/healthz" => TextAsync(context.Response, StatusCodes.Status200OK, "ok"),
            "/readyz" => engine.IsReady
                ? TextAsync(context.Response, StatusCodes.Status200OK, "ready")
                : TextAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "not ready"),
            "/metrics" => TextAsync(context.Response, StatusCodes.Status200OK, exporter.Scrape(), PrometheusText.ContentType),
            _ => TextAsync(context.Response, StatusCodes.Status404NotFound, "not found"),
        };
    }

    private static async Task TextAsync(HttpResponse response, int status, string text, string contentType = "text/plain; charset=utf-8")
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = CacheControlHeaderValue.NoStoreString;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body).ConfigureAwait(false);
    }
}
