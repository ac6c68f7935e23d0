namespace SecretBroker.Emulators.HuggingFace;

/// <summary>
/// The Hub's listener: one base URL (what <c>endpoint</c> / <c>HF_ENDPOINT</c> point at) routed by path: the token
/// exchange and <c>/api/whoami-v2</c>; other Hub routes join as one line each.
/// </summary>
internal sealed class HubListener(TokenExchangeEndpoint exchange, WhoAmIEndpoint whoAmI)
{
    public Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Equals(TokenExchangeEndpoint.Path, StringComparison.Ordinal))
        {
            return exchange.HandleAsync(context);
        }

        if (context.Request.Path.Equals(WhoAmIEndpoint.Path, StringComparison.Ordinal))
        {
            return whoAmI.HandleAsync(context);
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"error":"Not Found"}""", context.RequestAborted);
    }
}
