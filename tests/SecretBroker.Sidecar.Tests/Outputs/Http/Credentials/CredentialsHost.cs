using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Http;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// A real sidecar host in this process: the file backend reading a source directory (refresh 100 ms, so a rotation is
/// seen at once), a files output on tmpfs (where the token file goes), the loopback listener on port 0, and the given
/// credential sets. Secrets are the source files given at start; a secret without a file is optional and never loads.
/// </summary>
internal sealed class CredentialsHost : IAsyncDisposable
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    private readonly TempDirectory _dir = new(onTmpfs: true);
    private readonly IHost _host;

    private CredentialsHost(IReadOnlyDictionary<string, string?> secrets, IReadOnlyList<CredentialSetSettings> sets)
    {
        Directory.CreateDirectory(SourceDirectory);
        foreach ((string name, string? value) in secrets)
        {
            if (value is not null)
            {
                SetSecret(name, value);
            }
        }

        SidecarSettings settings = new(
            Path.Combine(_dir.Path, "secretbroker.yaml"),
            new Dictionary<string, ConfiguredBackend> { ["local"] = new ConfiguredBackend("local", FileSecretBackendType.Instance, new FileSecretBackendOptions { Path = SourceDirectory }) },
            [.. secrets.Select(s => new SecretDefinition(s.Key, "local", s.Key, Refresh) { Required = s.Value is not null })],
            new OutputSettings(
                new FilesOutputSettings(OutputDirectory, (UnixFileMode)0b100_100_000, (UnixFileMode)0b111_101_000, null, RequireTmpfs: true),
                Socket: null,
                new HttpOutputSettings(new IPEndPoint(IPAddress.Loopback, 0))))
        {
            Credentials = sets,
        };
        _host = SidecarHost.Build(settings, new SidecarHostOptions
        {
            JsonConsoleLogging = false,
            ConfigureLogging = logging => logging.AddProvider(Logs),
        });
    }

    public CollectingLoggerProvider Logs { get; } = new();

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string SourceDirectory => Path.Combine(_dir.Path, "source");

    public string OutputDirectory => Path.Combine(_dir.Path, "out");

    public string TokenPath => Path.Combine(OutputDirectory, "aws-credentials-token");

    public SecretRefreshEngine Engine => _host.Services.GetRequiredService<SecretRefreshEngine>();

    public IServiceProvider Services => _host.Services;

    public static async Task<CredentialsHost> StartAsync(IReadOnlyDictionary<string, string?> secrets, params CredentialSetSettings[] sets)
    {
        CredentialsHost host = new(secrets, sets);
        await host._host.StartAsync();
        HttpOutputService http = host._host.Services.GetServices<IHostedService>().OfType<HttpOutputService>().Single();
        host.Client.BaseAddress = new Uri("http://" + http.BoundEndpoint);
        await WaitUntilAsync(() => host.Engine.IsReady, "the secrets never loaded");
        return host;
    }

    /// <summary>Rewrites a source file by rename, as an operator would; the next refresh picks it up.</summary>
    public void SetSecret(string name, string value)
    {
        string temporary = Path.Combine(SourceDirectory, "." + name + ".tmp");
        File.WriteAllText(temporary, value);
        File.Move(temporary, Path.Combine(SourceDirectory, name), overwrite: true);
    }

    /// <summary>GET the set's route, with <paramref name="authorization"/> sent as is (no scheme, as the SDKs send it).</summary>
    public async Task<HttpResponseMessage> GetAsync(string set, string? authorization)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri("/v1/credentials/aws/" + set, UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>GET with the token from the token file, as an SDK does.</summary>
    public Task<HttpResponseMessage> GetAuthorizedAsync(string set) => GetAsync(set, File.ReadAllText(TokenPath));

    /// <summary>Waits for <paramref name="condition"/> with a deadline (the engine refreshes on a real clock here).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(10); !condition() && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), failure);
    }

    /// <summary>The <c>detail</c> of a problem+json answer (the JSON escapes quotes, so raw text would not match).</summary>
    public static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using System.Text.Json.JsonDocument problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString()!;
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Client.Dispose();
        _dir.Dispose();
    }
}
