using System.Globalization;
using System.Text;
using SecretBroker.Emulators;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What every end-to-end test against the in-process local cloud needs: the cloud in a tmpfs state directory, a
/// tmpfs output directory and config directory, and the <c>outputs:</c> part of a sidecar config (files always; the
/// socket API and the loopback listener on port 0 on request). Subclasses add their backend's config and helpers.
/// </summary>
internal abstract class LocalCloudSetup : IAsyncDisposable
{
    private readonly TempDirectory _state;
    private readonly TempDirectory _output = TempDirectory.OnTmpfs();
    private readonly TempDirectory _config = TempDirectory.OnTmpfs();

    protected LocalCloudSetup(LocalCloud cloud, TempDirectory state)
    {
        Cloud = cloud;
        _state = state;
    }

    public LocalCloud Cloud { get; }

    public string OutputDirectory => _output.Combine("secrets");

    public string ConfigPath => _config.Combine("secretbroker.yaml");

    public string SocketPath => _config.Combine("broker.sock");

    /// <summary>The file the setup's one secret is delivered to.</summary>
    public abstract string OutputFile { get; }

    public string? ReadOutput() => Eventually.ReadOrNull(OutputFile);

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        _state.Dispose();
        _output.Dispose();
        _config.Dispose();
    }

    /// <summary>Starts the local cloud in a fresh tmpfs state directory; <paramref name="configure"/> runs before it starts.</summary>
    protected static async Task<(LocalCloud Cloud, TempDirectory State)> StartCloudAsync(Action<LocalCloudOptions>? configure)
    {
        TempDirectory state = TempDirectory.OnTmpfs();
        LocalCloudOptions options = new() { StateDirectory = state.Path };
        configure?.Invoke(options);
        return (await LocalCloud.StartAsync(options), state);
    }

    /// <summary>Appends <c>outputs:</c> to <paramref name="yaml"/> and writes the config; returns its path.</summary>
    protected string WriteWithOutputs(StringBuilder yaml, bool socket, bool http)
    {
        yaml.AppendLine("outputs:")
            .AppendLine("  files:")
            .AppendLine(CultureInfo.InvariantCulture, $"    dir: {OutputDirectory}");
        if (socket)
        {
            yaml.AppendLine("  socket:").AppendLine(CultureInfo.InvariantCulture, $"    path: {SocketPath}");
        }

        if (http)
        {
            yaml.AppendLine("  http:").AppendLine("    listen: 127.0.0.1:0");
        }

        File.WriteAllText(ConfigPath, yaml.ToString());
        return ConfigPath;
    }
}
