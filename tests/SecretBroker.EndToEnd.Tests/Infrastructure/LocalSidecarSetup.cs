using System.Globalization;
using System.Text;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A sidecar wired to the <c>file</c> backend: a source directory (the "backend"), an output directory on tmpfs and a
/// config file, all in throwaway directories.
/// </summary>
internal sealed class LocalSidecarSetup : IDisposable
{
    private readonly TempDirectory _source = TempDirectory.OnTmpfs();
    private readonly TempDirectory _output = TempDirectory.OnTmpfs();
    private readonly TempDirectory _config = TempDirectory.OnTmpfs();

    public string SourceDirectory => _source.Path;

    public string OutputDirectory => _output.Combine("secrets");

    public string ConfigPath => _config.Combine("secretbroker.yaml");

    public void SetSource(string id, string value) => WriteAtomically(Path.Combine(SourceDirectory, id), value);

    /// <summary>Writes the config for <paramref name="secretIds"/> (secret name = id) with one refresh interval.</summary>
    public string WriteConfig(IEnumerable<string> secretIds, TimeSpan refresh, string? backendPath = null, string? extraFilesKeys = null)
    {
        var yaml = new StringBuilder()
            .AppendLine("backends:")
            .AppendLine("  local:")
            .AppendLine("    type: file")
            .AppendLine(CultureInfo.InvariantCulture, $"    path: {backendPath ?? SourceDirectory}")
            .AppendLine("secrets:");
        foreach (var id in secretIds)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - name: {id}")
                .AppendLine("    backend: local")
                .AppendLine(CultureInfo.InvariantCulture, $"    id: {id}")
                .AppendLine(CultureInfo.InvariantCulture, $"    refresh: {(int)refresh.TotalMilliseconds}ms");
        }

        yaml.AppendLine("outputs:")
            .AppendLine("  files:")
            .AppendLine(CultureInfo.InvariantCulture, $"    dir: {OutputDirectory}");
        if (extraFilesKeys is not null)
        {
            yaml.AppendLine(extraFilesKeys);
        }

        File.WriteAllText(ConfigPath, yaml.ToString());
        return ConfigPath;
    }

    public string? ReadOutput(string name) => Eventually.ReadOrNull(Path.Combine(OutputDirectory, name));

    /// <summary>Writes via a temporary file and rename, as a careful operator (or a ConfigMap update) would.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    public void Dispose()
    {
        _source.Dispose();
        _output.Dispose();
        _config.Dispose();
    }
}
