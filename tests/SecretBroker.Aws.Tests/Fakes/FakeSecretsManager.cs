using System.Net;
using System.Text;

namespace SecretBroker.Aws.Tests.Fakes;

/// <summary>
/// The innermost HTTP handler: asserts the JSON 1.1 wire shape and the SigV4 signature of every request, records it,
/// and answers with what <see cref="Respond"/> returns.
/// </summary>
internal sealed class FakeSecretsManager(bool verifyAccessKey = true) : HttpMessageHandler
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string SessionToken = "session-token-example";
    public const string Region = "us-west-2";

    private readonly List<RecordedRequest> _requests = [];

    public Func<RecordedRequest, HttpResponseMessage> Respond { get; set; } = static _ => Json("{}");

    public IReadOnlyList<RecordedRequest> Requests
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

    public IEnumerable<RecordedRequest> Calls(string operation) => Requests.Where(r => r.Operation == operation);

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    public static HttpResponseMessage Error(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Json($$"""{"__type":"{{code}}","Message":"{{message}}"}""", status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> h in request.Headers)
        {
            headers[h.Key] = string.Join(",", h.Value);
        }

        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        foreach (KeyValuePair<string, IEnumerable<string>> h in request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
        {
            headers[h.Key] = string.Join(",", h.Value);
        }

        var recorded = new RecordedRequest { Method = request.Method.Method, Uri = request.RequestUri!, Headers = headers, Body = body };
        AssertWireShape(recorded);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        return Respond(recorded);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void AssertWireShape(RecordedRequest r)
    {
        Assert.Equal("POST", r.Method);
        Assert.Equal("/", r.Uri.AbsolutePath);
        Assert.Equal("application/x-amz-json-1.1", r.Header("Content-Type"));
        Assert.StartsWith("secretsmanager.", r.Header("X-Amz-Target"), StringComparison.Ordinal);
        Assert.Matches(@"^\d{8}T\d{6}Z$", r.Header("X-Amz-Date"));
        string date = r.Header("X-Amz-Date")![..8];
        string authorization = r.Header("Authorization") ?? string.Empty;
        string accessKey = verifyAccessKey ? AccessKey : authorization.Split("Credential=")[1].Split('/')[0];
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={accessKey}/{date}/{Region}/secretsmanager/aws4_request, ", authorization, StringComparison.Ordinal);
        string signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        Assert.Contains("host", signedHeaders.Split(';'));
        Assert.Contains("x-amz-date", signedHeaders.Split(';'));
        Assert.Contains("x-amz-target", signedHeaders.Split(';'));
        Assert.Contains("x-amz-security-token", signedHeaders.Split(';'));
        Assert.Equal(SessionToken, r.Header("X-Amz-Security-Token"));
        Assert.True(SigV4Verifier.Verify(r, SecretKey, out string reason), reason);
    }
}
