using System.Diagnostics;
using System.Text.Json;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>
/// Runs a cross-check script (a client nobody here wrote) to its end, at most 60 s, and returns the JSON it printed.
/// A missing interpreter fails the test with <paramref name="missing"/>, a failing script with its output: never a skip.
/// </summary>
internal static class ScriptRunner
{
    public static async Task<JsonElement> RunJsonAsync(ProcessStartInfo start, string script, string missing)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(missing, e);
        }

        using (process)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"{start.FileName} {script} exited {process.ExitCode}.\nstdout:\n{output}\nstderr:\n{errors}");
            using var document = JsonDocument.Parse(output);
            return document.RootElement.Clone();
        }
    }
}
