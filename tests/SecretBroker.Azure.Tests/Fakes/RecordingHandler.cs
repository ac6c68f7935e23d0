using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SecretBroker.Azure.Tests.Fakes;

/// <summary>
/// The innermost handler the backend gets in tests: a <see cref="SocketsHttpHandler"/> trusting the emulators' CA
/// (full validation otherwise, as <c>SSL_CERT_FILE</c> gives a process), recording every request, and optionally
/// rewriting answers (an undocumented body, another <c>Date</c>).
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly Uri _entra;
    private readonly ConcurrentQueue<WireRequest> _requests = new();

    public RecordingHandler(string caPath, Uri entra)
        : base(Trusting(caPath))
    {
        _entra = entra;
    }

    /// <summary>Rewrites an answer before the backend sees it (return it unchanged to pass it through).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage, HttpResponseMessage>? Rewrite { get; set; }

    public IReadOnlyList<WireRequest> Requests => [.. _requests];

    public int Count(Func<WireRequest, bool> which) => _requests.Count(which);

    public void Clear() => _requests.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        string service = request.RequestUri!.Port == _entra.Port ? "entra" : "keyvault";
        _requests.Enqueue(new WireRequest(service, request.Method.Method, request.RequestUri.AbsolutePath, (int)response.StatusCode));
        return Rewrite?.Invoke(request, response) ?? response;
    }

    private static SocketsHttpHandler Trusting(string caPath) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { X509Certificate2.CreateFromPem(File.ReadAllText(caPath)) },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };
}
