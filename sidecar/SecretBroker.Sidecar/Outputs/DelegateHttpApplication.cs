using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SecretBroker.Sidecar.Outputs;

/// <summary>
/// The smallest <see cref="IHttpApplication{TContext}"/> Kestrel can run: a <see cref="DefaultHttpContext"/> per request
/// handed to one delegate. No WebApplication, no middleware pipeline, no request services.
/// </summary>
internal sealed class DelegateHttpApplication(RequestDelegate handler) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => handler(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
