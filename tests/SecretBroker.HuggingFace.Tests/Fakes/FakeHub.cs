using System.Net;
using System.Text;

namespace SecretBroker.HuggingFace.Tests.Fakes;

/// <summary>
/// The innermost HTTP handler: records every token exchange (the form decoded) and answers with what
/// <see cref="Respond"/> returns; by default an access token per resource with a one-hour lifetime.
/// </summary>
internal sealed class FakeHub : HttpMessageHandler
{
    private readonly List<HubRequest> _requests = [];

    public Func<HubRequest, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        static (request, _) => Task.FromResult(Token("hf_jwt_" + request.Resource.Replace('/', '_'), 3600));

    public IReadOnlyList<HubRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public bool Disposed { get; private set; }

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    public static HttpResponseMessage Token(string accessToken, int? expiresIn) => Json(expiresIn is { } seconds
        ? $$"""{"access_token":"{{accessToken}}","token_type":"Bearer","expires_in":{{seconds}}}"""
        : $$"""{"access_token":"{{accessToken}}","token_type":"Bearer"}""");

    public static HttpResponseMessage OAuthError(string error, string description, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Json($$"""{"error":"{{error}}","error_description":"{{description}}"}""", status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            form[WebUtility.UrlDecode(kv[0])] = kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : string.Empty;
        }

        var recorded = new HubRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.Accept.ToString(),
            form);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        return await Respond(recorded, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
