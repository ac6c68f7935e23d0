using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>
/// Runs a script from Node/ (in the source tree, beside its node_modules, installed by <c>.ci/run</c> with
/// <c>npm ci</c> from the committed lockfile) with a clean Azure environment. A missing node or package fails the
/// test (never a skip): the cross-check with a client nobody here wrote is the point.
/// </summary>
internal static class NodeRunner
{
    public static string Directory { get; } = Path.Combine(
        typeof(NodeRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!, "Node");

    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(Path.Combine(Directory, "node_modules", "@azure", "identity", "package.json")),
            $"@azure/identity is not installed: run `npm ci --prefix {Directory}` (.ci/run does)");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        start.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AZURE_", StringComparison.Ordinal) || k.StartsWith("NODE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node (>= 20) is required for the Azure JavaScript SDK cross-check.", e);
        }

        using (process)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}.\nstdout:\n{output}\nstderr:\n{errors}");
            using var document = JsonDocument.Parse(output);
            return document.RootElement.Clone();
        }
    }
}
