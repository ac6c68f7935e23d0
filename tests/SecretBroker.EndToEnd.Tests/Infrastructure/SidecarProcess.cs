using System.Collections.Concurrent;
using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>The real <c>secretbroker</c> process, its output captured line by line.</summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private SidecarProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue(e.Data); } };
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardOutput => string.Join('\n', _stdout);

    public string StandardError => string.Join('\n', _stderr);

    public IReadOnlyCollection<string> StdoutLines => _stdout;

    /// <summary>
    /// Starts <c>secretbroker</c> with <paramref name="arguments"/>; the inherited environment is scrubbed of SECRETBROKER_*,
    /// AWS_*, AZURE_* and the managed-identity endpoint variables (so a developer's or CI's cloud settings never steer a
    /// test, and an Azure test's missing variable is really missing), then <paramref name="environment"/> applied.
    /// </summary>
    public static SidecarProcess Start(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(RepositoryPaths.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        info.ArgumentList.Add(RepositoryPaths.SidecarDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(IsCloudSetting).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var sidecar = new SidecarProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sidecar;
    }

    /// <summary>
    /// Whether an inherited variable would steer the sidecar's identity or config: SECRETBROKER_*, AWS_*, AZURE_*, and
    /// what Azure.Identity's managed-identity sources read (App Service / Arc / Cloud Shell endpoints).
    /// </summary>
    internal static bool IsCloudSetting(string name) =>
        name.StartsWith("SECRETBROKER_", StringComparison.Ordinal)
        || name.StartsWith("AWS_", StringComparison.Ordinal)
        || name.StartsWith("AZURE_", StringComparison.Ordinal)
        || name is "IDENTITY_ENDPOINT" or "IDENTITY_HEADER" or "IDENTITY_SERVER_THUMBPRINT" or "IMDS_ENDPOINT" or "MSI_ENDPOINT" or "MSI_SECRET";

    /// <summary>Runs a command to completion and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var sidecar = Start(arguments, workingDirectory, environment);
        var exitCode = await sidecar.WaitForExitAsync(timeout);
        return (exitCode, sidecar.StandardOutput, sidecar.StandardError);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"secretbroker did not exit within {timeout.TotalSeconds:0.#} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        // The parameterless overload also waits for the redirected streams to drain.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public void Signal(int signal) => Posix.Signal(_process.Id, signal);

    public void KillHard() => _process.Kill();

    public Task WaitForLogAsync(string fragment, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => _stdout.Any(l => l.Contains(fragment, StringComparison.Ordinal)), timeout, $"a log line containing '{fragment}'.\nstdout so far:\n{StandardOutput}\nstderr:\n{StandardError}");

    /// <summary>The loopback listener's bound port, from the <c>HttpListening</c> log line (EventId 4100), as an operator's tooling would read it.</summary>
    public int HttpListeningPort()
    {
        foreach (var line in _stdout)
        {
            using var log = System.Text.Json.JsonDocument.Parse(line);
            if (log.RootElement.GetProperty("EventId").GetInt32() == 4100)
            {
                return log.RootElement.GetProperty("State").GetProperty("Port").GetInt32();
            }
        }

        throw new InvalidOperationException("no HttpListening (4100) line:\n" + StandardOutput);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
