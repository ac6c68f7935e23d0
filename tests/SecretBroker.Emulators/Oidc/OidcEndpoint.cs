namespace SecretBroker.Emulators.Oidc;

/// <summary>The issuer's public face: discovery document and JWKS (as an API server's service-account issuer serves them).</summary>
internal sealed class OidcEndpoint(OidcIssuer issuer)
{
    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var document = path switch
        {
            "/.well-known/openid-configuration" => issuer.Discovery(),
            "/openid/v1/jwks" or "/keys" => issuer.Jwks(),
            _ => null,
        };
        if (document is null || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
    }
}
