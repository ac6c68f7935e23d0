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
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory };
        start.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AZURE_", StringComparison.Ordinal) || k.StartsWith("NODE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return await ScriptRunner.RunJsonAsync(start, script, "node (>= 20) is required for the Azure JavaScript SDK cross-check.");
    }
}
