namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real sidecar on the local backend with one secret, <c>hf-token</c>, delivered to files and to a socket in a
/// private tmpfs directory, started and loaded (its <c>Started</c> line, 3001, seen).
/// </summary>
internal sealed class SocketSidecar : IAsyncDisposable
{
    private readonly TempDirectory _run;

    private SocketSidecar(LocalSidecarSetup setup, TempDirectory run, string socket, SidecarProcess process)
    {
        Setup = setup;
        _run = run;
        Socket = socket;
        Process = process;
    }

    public LocalSidecarSetup Setup { get; }

    public string Socket { get; }

    public SidecarProcess Process { get; }

    public static async Task<SocketSidecar> StartAsync(string value = "hf_value")
    {
        var setup = new LocalSidecarSetup();
        var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", value);
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}");
        var process = SidecarProcess.Start(["run", "--config", config]);
        var sidecar = new SocketSidecar(setup, run, socket, process);
        try
        {
            await process.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
            return sidecar;
        }
        catch
        {
            await sidecar.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _run.Dispose();
        Setup.Dispose();
    }
}
