using System.Diagnostics;
using System.Text.Json;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>
/// Runs a script from Python/ with the machine's python3 and a clean AWS environment. A missing python3 or
/// boto3 fails the test (never a skip): the cross-check with a client nobody here wrote is the point.
/// </summary>
internal static class PythonRunner
{
    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("python3");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Python", script));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return await ScriptRunner.RunJsonAsync(start, script, "python3 is required for the boto3/botocore cross-checks (install python3 and boto3).");
    }
}
