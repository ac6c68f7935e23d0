using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>One HTTP answer as curl saw it.</summary>
internal sealed record CurlResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, string Raw)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// curl as an independent HTTP client over the Unix socket (<c>curl --unix-socket</c>), optionally run as another
/// user through <c>setpriv</c>.
/// </summary>
internal static class Curl
{
    /// <summary>Runs <c>curl -s -i --unix-socket SOCKET ARGS… http://sidecar/PATH</c>.</summary>
    public static async Task<CurlResponse> GetAsync(string socket, string path, params string[] extraArguments) =>
        Parse(await RunAsync(null, socket, path, extraArguments));

    /// <summary>The same request, run as uid/gid 65534 with no supplementary groups.</summary>
    public static async Task<CurlResponse> GetAsNobodyAsync(string socket, string path, params string[] extraArguments) =>
        Parse(await RunAsync(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"], socket, path, extraArguments));

    private static async Task<string> RunAsync(string[]? prefix, string socket, string path, string[] extraArguments)
    {
        string[] command = [.. prefix ?? [], "curl", "-s", "-i", "--path-as-is", "--max-time", "60", "--unix-socket", socket, .. extraArguments, "http://sidecar" + path];
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(70));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {process.ExitCode}: {await stderr}\n{await stdout}");
        }

        return await stdout;
    }

    private static CurlResponse Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? raw : raw[..split];
        var body = split < 0 ? string.Empty : raw[(split + 4)..];
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new CurlResponse(status, headers, body, raw);
    }
}
