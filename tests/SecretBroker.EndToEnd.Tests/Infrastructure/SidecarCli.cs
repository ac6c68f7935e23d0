using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>One short <c>secretbroker</c> command (get, probe) run to its end, stdout kept as bytes.</summary>
internal static class SidecarCli
{
    /// <summary>
    /// Runs the sidecar binary with <paramref name="arguments"/>; SECRETBROKER_SOCKET and SECRETBROKER_SOCKET_UID are
    /// removed from the inherited environment, then <paramref name="environment"/> applied.
    /// </summary>
    public static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunAsync(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(RepositoryPaths.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.SidecarDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("SECRETBROKER_SOCKET");
        info.Environment.Remove("SECRETBROKER_SOCKET_UID");
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return (process.ExitCode, stdout.ToArray(), await stderr);
    }
}
