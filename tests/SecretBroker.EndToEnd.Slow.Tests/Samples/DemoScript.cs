using System.Diagnostics;
using System.Text;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// Runs a sample's <c>demo.sh</c> as a user would, with <c>--no-build</c> (the test build already built the sidecar and
/// the emulators, in the configuration passed as <c>DEMO_CONFIGURATION</c>), and returns its exit code and everything
/// it printed. A demo that outlives its deadline is killed with its process tree.
/// </summary>
internal static class DemoScript
{
    public static async Task<(int ExitCode, string Log)> RunAsync(string sample, IEnumerable<string> arguments, TimeSpan timeout)
    {
        ProcessStartInfo info = new("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "samples", sample, "demo.sh"));
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--no-build");
        info.Environment["DEMO_CONFIGURATION"] = new DirectoryInfo(RepositoryPaths.SidecarDirectory).Parent!.Name;

        StringBuilder log = new();
        using Process demo = new() { StartInfo = info };
        demo.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.AppendLine(e.Data); } } };
        demo.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.AppendLine(e.Data); } } };
        demo.Start();
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        using CancellationTokenSource deadline = new(timeout);
        try
        {
            await demo.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            demo.Kill(entireProcessTree: true);
            lock (log) { return (-1, log + $"\n(killed after {timeout.TotalSeconds:0} s)"); }
        }

        demo.WaitForExit();
        lock (log) { return (demo.ExitCode, log.ToString()); }
    }
}
