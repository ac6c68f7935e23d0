using System.Globalization;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Http;

/// <summary>
/// One real sidecar with the socket API and the loopback listener on <c>127.0.0.1:0</c>; the OS-assigned port is read
/// from the <c>HttpListening</c> log line (EventId 4100), as an operator's tooling would. <c>hf-token</c> holds a
/// canary value that must never appear in <c>/metrics</c>.
/// </summary>
#pragma warning disable CA1001 // xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes every field.
public sealed class HttpSidecarFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private LocalSidecarSetup? _setup;
    private TempDirectory? _run;
    private SidecarProcess? _sidecar;

    public string Canary { get; } = "canary-http-" + Guid.NewGuid().ToString("N");

    public string SocketPath => _run!.Combine("broker.sock");

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    internal SidecarProcess Sidecar => _sidecar ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _setup = new LocalSidecarSetup();
        _run = TempDirectory.OnTmpfs();
        _setup.SetSource("hf-token", Canary);
        var config = _setup.WriteConfig(["hf-token"], TimeSpan.FromMilliseconds(500), extraFilesKeys: string.Create(CultureInfo.InvariantCulture,
            $"  socket:\n    path: {SocketPath}\n  http:\n    listen: 127.0.0.1:0"));
        _sidecar = SidecarProcess.Start(["run", "--config", config]);
        await _sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        Client.BaseAddress = new Uri("http://127.0.0.1:" + _sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        _run?.Dispose();
        _setup?.Dispose();
    }
}
