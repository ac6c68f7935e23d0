using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>What a consumer sees of a running sidecar: a secret over the socket API, and the loopback listener's metrics.</summary>
internal sealed partial class SidecarProbes : IDisposable
{
    private readonly HttpClient _socket;
    private readonly HttpClient? _http;

    public SidecarProbes(LocalCloudSetup setup, SidecarProcess sidecar, bool http = false)
    {
        _socket = UnixSocketHttp.Create(setup.SocketPath);
        if (http)
        {
            _http = new HttpClient
            {
                BaseAddress = new Uri("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture)),
                Timeout = TimeSpan.FromSeconds(10),
            };
        }
    }

    /// <summary><c>GET /v1/secrets/{name}</c>: the status, the raw value and whether <c>SecretBroker-Stale: true</c> was set.</summary>
    public async Task<(HttpStatusCode Status, string Value, bool StaleHeader)> ReadAsync(string name)
    {
        using HttpResponseMessage response = await _socket.GetAsync(new Uri("/v1/secrets/" + name, UriKind.Relative));
        bool stale = response.Headers.TryGetValues("SecretBroker-Stale", out IEnumerable<string>? values) && values.Contains("true");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), stale);
    }

    /// <summary>The <c>stale</c> field of <c>GET /v1/secrets/{name}</c> with <c>Accept: application/json</c>.</summary>
    public async Task<bool> JsonStaleAsync(string name)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri("/v1/secrets/" + name, UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/json");
        using HttpResponseMessage response = await _socket.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("stale").GetBoolean();
    }

    /// <summary><c>GET /readyz</c> over the socket.</summary>
    public async Task<HttpStatusCode> ReadyAsync()
    {
        using HttpResponseMessage response = await _socket.GetAsync(new Uri("/readyz", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>The <c>secretbroker_secrets_stale</c> gauge scraped from <c>/metrics</c>.</summary>
    public async Task<double> StaleGaugeAsync()
    {
        string text = await (_http ?? throw new InvalidOperationException("no loopback listener")).GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Match match = StaleGauge().Match(text);
        Assert.True(match.Success, "no secretbroker_secrets_stale sample in /metrics:\n" + text);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>secretbroker_secrets_expired</c> gauge: secrets withdrawn because their lease ended.</summary>
    public async Task<double> ExpiredGaugeAsync()
    {
        string text = await (_http ?? throw new InvalidOperationException("no loopback listener")).GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Match match = ExpiredGauge().Match(text);
        Assert.True(match.Success, "no secretbroker_secrets_expired sample in /metrics:\n" + text);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _http?.Dispose();
    }

    [GeneratedRegex(@"(?m)^secretbroker_secrets_stale(?:\{\})? ([0-9.eE+-]+)$")]
    private static partial Regex StaleGauge();

    [GeneratedRegex(@"(?m)^secretbroker_secrets_expired(?:\{\})? ([0-9.eE+-]+)$")]
    private static partial Regex ExpiredGauge();
}
