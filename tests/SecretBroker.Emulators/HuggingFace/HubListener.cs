namespace SecretBroker.Emulators.HuggingFace;

/// <summary>
/// The Hub's listener: one base URL (what <c>endpoint</c> / <c>HF_ENDPOINT</c> point at) routed by path. Only the token
/// exchange lives here so far; other Hub routes (e.g. <c>/api/whoami-v2</c>) join as one line each.
/// </summary>
internal sealed class HubListener(TokenExchangeEndpoint exchange)
{
    public Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Equals(TokenExchangeEndpoint.Path, StringComparison.Ordinal))
        {
            return exchange.HandleAsync(context);
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"error":"Not Found"}""", context.RequestAborted);
    }
}
