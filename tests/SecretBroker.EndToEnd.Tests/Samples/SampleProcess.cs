using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// A built sample web app, run on a loopback port with the pod's environment (and nothing else of SecretBroker's,
/// AWS's, Azure's or ASP.NET Core's from this process), its output kept.
/// </summary>
internal sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private readonly HttpClient _http;

    private SampleProcess(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
    }

    public string Output => string.Join('\n', _lines);

    /// <summary>What the samples log and show instead of a token: the first 12 hex digits of its SHA-256.</summary>
    public static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];

    public static SampleProcess Start(string dll, IReadOnlyDictionary<string, string> environment)
    {
        int port = FreePort();
        ProcessStartInfo info = new(RepositoryPaths.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (string key in info.Environment.Keys.Where(k => SidecarProcess.IsCloudSetting(k) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        Process process = new() { StartInfo = info };
        SampleProcess sample = new(process, port);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        bool Logged() => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => Logged() || _process.HasExited, timeout, $"the sample to log \"{text}\"\n{Output}");
        if (!Logged())
        {
            throw new InvalidOperationException($"the sample exited ({_process.ExitCode}) before logging \"{text}\":\n{Output}");
        }
    }

    /// <summary>Polls the sample's page until it satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<string> PageAsync(Func<string, bool> condition)
    {
        string last = "(no answer)";
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    last = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
                    return condition(last);
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            },
            TimeSpan.FromSeconds(30),
            $"the sample's page to show the expected fingerprint; last answer: {last}\n{Output}");
        return last;
    }

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
