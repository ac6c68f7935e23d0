using System.Diagnostics;
using System.Text.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>The contract's entry point: a process that writes endpoints.json, serves, and stops cleanly on SIGTERM.</summary>
public sealed class StandaloneEntryPointTests
{
    [Fact]
    public async Task The_process_writes_endpoints_json_serves_the_admin_API_and_exits_0_on_SIGTERM()
    {
        using var state = new TempDirectory();
        var dll = Path.Combine(AppContext.BaseDirectory, "SecretBroker.Emulators.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--state-dir");
        start.ArgumentList.Add(state.Path);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var endpointsFile = Path.Combine(state.Path, "endpoints.json");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(endpointsFile))
            {
                if (process.HasExited)
                {
                    Assert.Fail($"emulator exited early ({process.ExitCode}): {await stderr}");
                }

                Assert.True(DateTime.UtcNow < deadline, "endpoints.json did not appear within 30 s");
                await Task.Delay(50);
            }

            var endpoints = JsonDocument.Parse(await File.ReadAllTextAsync(endpointsFile)).RootElement;
            foreach (var name in new[] { "oidcIssuer", "sts", "secretsManager", "podIdentity", "admin" })
            {
                Assert.StartsWith("http://127.0.0.1:", endpoints.GetProperty(name).GetString(), StringComparison.Ordinal);
            }

            var tokenFile = endpoints.GetProperty("tokenFiles").GetProperty("irsa").GetString()!;
            Assert.True(File.Exists(tokenFile));
            using var http = new HttpClient();
            var counters = await http.GetStringAsync(new Uri(new Uri(endpoints.GetProperty("admin").GetString()!), "v1/counters"));
            Assert.Contains("signaturesVerified", counters, StringComparison.Ordinal);

            Posix.Kill(process.Id, Posix.SigTerm);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
