using System.Globalization;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>
/// One real sidecar serving the socket API (mode 0666 so another uid can reach it and be refused by SO_PEERCRED,
/// allow lists empty so only the sidecar's own uid may read). <c>hf-token</c> is loaded; <c>absent</c> is required
/// but missing from the backend, so <c>/readyz</c> stays 503 and reading it answers 503.
/// </summary>
#pragma warning disable CA1001 // xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes every field.
public sealed class SocketSidecarFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    // Created in InitializeAsync and owned until DisposeAsync (xunit's fixture lifetime).
    private LocalSidecarSetup? _setup;
    private TempDirectory? _run;
    private SidecarProcess? _sidecar;

    public string SocketPath => _run!.Combine("broker.sock");

    internal SidecarProcess Sidecar => _sidecar ?? throw new InvalidOperationException("not started");

    public const string Value = "hf_socket_value";

    public async Task InitializeAsync()
    {
        // Temp directories on /dev/shm may be created 0700; the other-uid client must be able to reach the socket.
        _setup = new LocalSidecarSetup();
        _run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(_run.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        _setup.SetSource("hf-token", Value);
        var config = _setup.WriteConfig(["hf-token", "absent"], TimeSpan.FromSeconds(1), extraFilesKeys: string.Create(CultureInfo.InvariantCulture,
            $"  socket:\n    path: {SocketPath}\n    mode: \"0666\""));
        _sidecar = SidecarProcess.Start(["run", "--config", config]);
        await _sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        _run?.Dispose();
        _setup?.Dispose();
    }
}
