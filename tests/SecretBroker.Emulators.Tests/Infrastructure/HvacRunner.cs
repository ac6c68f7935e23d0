using System.Diagnostics;
using System.Text.Json;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>
/// Runs a script from Python/ with Debian's <c>/usr/bin/python3</c>, where <c>python3-hvac</c> installs (a pyenv
/// or venv python3 earlier on PATH does not see Debian's packages). A missing interpreter or hvac fails the test.
/// </summary>
internal static class HvacRunner
{
    public const string Interpreter = "/usr/bin/python3";

    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(File.Exists(Interpreter) ? Interpreter : "python3");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Python", script));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("VAULT_", StringComparison.Ordinal) || k.StartsWith("REQUESTS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return await ScriptRunner.RunJsonAsync(start, script, "python3 with python3-hvac is required for the Vault cross-check (apt-get install python3-hvac).");
    }
}
