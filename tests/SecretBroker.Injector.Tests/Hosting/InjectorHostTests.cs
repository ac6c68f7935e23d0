using System.Net;
using System.Net.Security;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Injector.Hosting;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Hosting;

/// <summary>The real Kestrel host over HTTPS on a loopback port: /mutate, /healthz, the body limit and certificate rotation.</summary>
public sealed class InjectorHostTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly TestCertificates _certificates = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeLogCollector _logs = new();
    private WebApplication? _app;
    private string _thumbprint = string.Empty;

    public async Task InitializeAsync()
    {
        _thumbprint = _certificates.WriteNew();
        _app = InjectorHost.Build(new InjectorHostOptions
        {
            Settings = new InjectorUnderTest().Settings,
            CertificateFile = _certificates.CertificateFile,
            KeyFile = _certificates.KeyFile,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            TimeProvider = _clock,
            CertificateCheckInterval = Interval,
            JsonConsoleLogging = false,
            ConfigureLogging = logging => logging.AddProvider(new FakeLoggerProvider(_logs)),
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_review_posted_over_https_is_answered_with_the_patch()
    {
        using HttpClient client = Client(out _);
        using StringContent body = new(Fixture.Load(Fixture.Deployment).ToJsonString(), Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await client.PostAsync(new Uri("/mutate", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True((bool)answer["response"]!["allowed"]!);
        Assert.Equal("JSONPatch", (string?)answer["response"]!["patchType"]);
        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Id == 7001 && r.Message.Contains("inference/vllm-7c9d8f6b5-: Injected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        using HttpClient client = Client(out _);

        Assert.Equal("ok\n", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_3_mib_is_refused_with_413(bool withContentLength)
    {
        using HttpClient client = Client(out _);
        byte[] big = new byte[(3 * 1024 * 1024) + 1];
        big.AsSpan().Fill((byte)' ');
        using HttpContent body = withContentLength ? new ByteArrayContent(big) : new StreamContent(new UnknownLengthStream(big));

        using HttpResponseMessage response = await client.PostAsync(new Uri("/mutate", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over 3 MiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_exactly_3_mib_is_read_and_judged()
    {
        using HttpClient client = Client(out _);
        byte[] body = new byte[3 * 1024 * 1024];
        body.AsSpan().Fill((byte)' ');
        using ByteArrayContent content = new(body);

        using HttpResponseMessage response = await client.PostAsync(new Uri("/mutate", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_rotated_certificate_is_presented_to_new_connections_after_the_next_check()
    {
        using (HttpClient before = Client(out Func<string?> presented))
        {
            await before.GetStringAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(_thumbprint, presented());
        }

        string rotated = _certificates.WriteNew("CN=rotated");
        _clock.Advance(Interval);

        using HttpClient after = Client(out Func<string?> presentedAfter);
        await after.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(rotated, presentedAfter());
    }

    // A fresh client (and connection) per use: each handshake shows which certificate is served now.
    private HttpClient Client(out Func<string?> presented)
    {
        string? seen = null;
        SocketsHttpHandler handler = new()
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    seen = certificate?.GetCertHashString();
                    return certificate is not null;
                },
            },
        };
        presented = () => seen;
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{InjectorHost.BoundPort(_app!)}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A body without a length, so the client sends it chunked and only Kestrel's limit can stop it.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
