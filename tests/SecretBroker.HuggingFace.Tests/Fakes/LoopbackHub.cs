using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecretBroker.HuggingFace.Tests.Fakes;

/// <summary>
/// A Hub on a loopback port (<see cref="HttpListener"/>), for the front doors that build the backend with its real
/// socket handler: answers <c>POST /oauth/token</c> with one access token and records the resources asked for.
/// </summary>
internal sealed class LoopbackHub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly List<string> _resources = [];

    /// <param name="accessToken">The token every exchange answers.</param>
    /// <param name="redirectTo">When set, every request is answered with a 307 to this address instead.</param>
    public LoopbackHub(string accessToken, Uri? redirectTo = null)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(() => ServeAsync(accessToken, redirectTo));
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<string> Resources
    {
        get
        {
            lock (_resources)
            {
                return [.. _resources];
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _ = _serving.Exception;
    }

    private async Task ServeAsync(string accessToken, Uri? redirectTo)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string form = await reader.ReadToEndAsync();
            string resource = form.Split('&').Select(static p => p.Split('=', 2)).Where(static kv => kv[0] == "resource").Select(static kv => WebUtility.UrlDecode(kv[1])).FirstOrDefault() ?? string.Empty;
            lock (_resources)
            {
                _resources.Add(resource);
            }

            if (redirectTo is not null)
            {
                context.Response.StatusCode = 307;
                context.Response.RedirectLocation = new Uri(redirectTo, "oauth/token").ToString();
                context.Response.Close();
                continue;
            }

            byte[] body = Encoding.UTF8.GetBytes(context.Request.Url?.AbsolutePath == "/oauth/token"
                ? $$"""{"access_token":"{{accessToken}}","token_type":"Bearer","expires_in":3600}"""
                : """{"error":"Not Found"}""");
            context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/oauth/token" ? 200 : 404;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
