using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// A sidecar on the <c>file</c> backend with one <c>profile: huggingface</c> secret named <c>hf-token</c> (the README's
/// example) beside a plain one, and a way to read the token the way an inference container does: a fresh Python process
/// with only <c>HF_TOKEN_PATH</c> and <c>HF_HOME</c> pointing into the output directory.
/// </summary>
internal sealed class HuggingFaceSidecarSetup : IDisposable
{
    private readonly LocalSidecarSetup _files = new();

    public string OutputDirectory => _files.OutputDirectory;

    public string ConfigPath => _files.ConfigPath;

    public void SetToken(string value) => _files.SetSource("hf-token", value);

    public void SetOther(string value) => _files.SetSource("other", value);

    public string WriteConfig(string? huggingFaceSection = null)
    {
        string yaml = $"""
            backends:
              local: {"{"} type: file, path: {_files.SourceDirectory} {"}"}
            secrets:
              - {"{"} name: hf-token, backend: local, id: hf-token, refresh: 500ms, profile: huggingface {"}"}
              - {"{"} name: other, backend: local, id: other, refresh: 500ms {"}"}
            outputs:
              files: {"{"} dir: {OutputDirectory} {"}"}
            {huggingFaceSection ?? string.Empty}
            """;
        File.WriteAllText(ConfigPath, yaml);
        return ConfigPath;
    }

    public string? ReadOutput(string relativePath) => Eventually.ReadOrNull(Path.Combine(OutputDirectory, relativePath));

    /// <summary>
    /// What a Python reader sees: the file at <c>HF_TOKEN_PATH</c>, the file at <c>$HF_HOME/token</c> (read as they are,
    /// without huggingface_hub's cleaning), and the generation directory each resolved to.
    /// </summary>
    public async Task<(string TokenPathValue, string HfHomeValue, string TokenPathGeneration, string HfHomeGeneration)> ReadWithPythonAsync()
    {
        const string script = """
            import os, sys
            token_path = os.environ["HF_TOKEN_PATH"]
            home_token = os.path.join(os.environ["HF_HOME"], "token")
            a = open(token_path, encoding="utf-8").read()
            b = open(home_token, encoding="utf-8").read()
            ga = os.path.basename(os.path.dirname(os.path.realpath(token_path)))
            gb = os.path.basename(os.path.dirname(os.path.dirname(os.path.realpath(home_token))))
            sys.stdout.write("\x1f".join([a, b, ga, gb]))
            """;
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment.Remove("HF_TOKEN");
        info.Environment["HF_TOKEN_PATH"] = Path.Combine(OutputDirectory, "hf-token");
        info.Environment["HF_HOME"] = Path.Combine(OutputDirectory, "hf");
        using var python = Process.Start(info)!;
        string stdout = await python.StandardOutput.ReadToEndAsync();
        string stderr = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"python3 failed: {stderr}");
        string[] parts = stdout.Split('\x1f');
        return (parts[0], parts[1], parts[2], parts[3]);
    }

    public void Dispose() => _files.Dispose();
}
