using SecretBroker.FileBackend;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Http;

namespace SecretBroker.Sidecar.Tests.Outputs.Http;

/// <summary>
/// A real sidecar host (file backend, files output, loopback listener on port 0) started in this process, with one
/// secret of its own name; several can run side by side, as hosts in one test process do.
/// </summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private readonly TempDirectory _dir = new(onTmpfs: true);
    private readonly IHost _host;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    private MetricsHost(string secret)
    {
        string source = Path.Combine(_dir.Path, "source");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, secret), "value-of-" + secret);
        SidecarSettings settings = new(
            Path.Combine(_dir.Path, "secretbroker.yaml"),
            new Dictionary<string, ConfiguredBackend> { ["local"] = new ConfiguredBackend("local", FileSecretBackendType.Instance, new FileSecretBackendOptions { Path = source }) },
            [new SecretDefinition(secret, "local", secret, TimeSpan.FromMinutes(5))],
            new OutputSettings(
                new FilesOutputSettings(Path.Combine(_dir.Path, "out"), (UnixFileMode)0b100_100_000, (UnixFileMode)0b111_101_000, null, RequireTmpfs: true),
                Socket: null,
                new HttpOutputSettings(new IPEndPoint(IPAddress.Loopback, 0))));
        _host = SidecarHost.Build(settings, new SidecarHostOptions { JsonConsoleLogging = false });
    }

    /// <summary>The host's own meter factory: instruments created through it belong to this host.</summary>
    public IMeterFactory MeterFactory => _host.Services.GetRequiredService<IMeterFactory>();

    public static async Task<MetricsHost> StartAsync(string secret)
    {
        MetricsHost host = new(secret);
        await host._host.StartAsync();
        HttpOutputService http = host._host.Services.GetServices<IHostedService>().OfType<HttpOutputService>().Single();
        host._client.BaseAddress = new Uri("http://" + http.BoundEndpoint);

        // The first load runs in the background after start; wait for it with a deadline, as a scraper would.
        SecretRefreshEngine engine = host._host.Services.GetRequiredService<SecretRefreshEngine>();
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(10); !engine.IsReady && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10);
        }

        Assert.True(engine.IsReady, "the secret never loaded");
        return host;
    }

    public async Task<string> ScrapeAsync()
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _client.Dispose();
        _dir.Dispose();
    }
}
