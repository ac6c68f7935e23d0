using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Publish;

/// <summary>The injector ships as a Native AOT binary: it publishes with no trim/AOT warnings, then serves a real review.</summary>
public sealed partial class NativeAotPublishTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_injector_publishes_as_native_aot_without_warnings_and_the_binary_answers_a_review_over_https()
    {
        DirectoryInfo artifacts = Directory.CreateTempSubdirectory("secretbroker-injector-aot-");
        try
        {
            string publishDirectory = Path.Combine(artifacts.FullName, "publish");
            List<string> arguments = [.. InjectorPublishCommand.Arguments, "--artifacts-path", Path.Combine(artifacts.FullName, "build"), "-o", publishDirectory];
            (int exitCode, string log) = await RunAsync(RepositoryPaths.DotnetHost, arguments, RepositoryPaths.Root, TimeSpan.FromMinutes(10));
            output.WriteLine(log);
            Assert.True(exitCode == 0, $"publish failed:\n{log}");
            List<string> warnings = [.. log.Split('\n').Where(static l => l.Contains("warning", StringComparison.OrdinalIgnoreCase) && !l.Contains("0 Warning(s)", StringComparison.Ordinal))];
            Assert.Empty(warnings);

            string binary = Path.Combine(publishDirectory, InjectorPublishCommand.BinaryName);
            (int versionExit, string version) = await RunAsync(binary, ["version"], artifacts.FullName, TimeSpan.FromSeconds(30));
            Assert.Equal(0, versionExit);
            Assert.StartsWith("secretbroker-injector ", version, StringComparison.Ordinal);

            using TestCertificates certificates = new();
            certificates.WriteNew();
            string backends = Path.Combine(artifacts.FullName, "backends.yaml");
            await File.WriteAllTextAsync(backends, InjectorUnderTest.BackendsYaml);
            using Process injector = Process.Start(new ProcessStartInfo(binary,
            [
                "serve", "--cert", certificates.CertificateFile, "--key", certificates.KeyFile, "--listen", "127.0.0.1:0",
                "--sidecar-image", InjectorUnderTest.SidecarImage, "--backends", backends,
            ]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            StringBuilder logs = new();
            TaskCompletionSource<int> port = new(TaskCreationOptions.RunContinuationsAsynchronously);
            injector.OutputDataReceived += (_, e) =>
            {
                lock (logs)
                {
                    logs.AppendLine(e.Data);
                }

                if (e.Data is not null && ListeningPort().Match(e.Data) is { Success: true } m)
                {
                    port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            };
            injector.ErrorDataReceived += (_, e) => { lock (logs) { logs.AppendLine(e.Data); } };
            injector.BeginOutputReadLine();
            injector.BeginErrorReadLine();
            try
            {
                int bound = await port.Task.WaitAsync(TimeSpan.FromSeconds(30));
                using HttpClient client = new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = static (_, c, _, _) => c is not null } })
                {
                    BaseAddress = new Uri($"https://127.0.0.1:{bound}"),
                };
                using StringContent body = new(Fixture.Load(Fixture.Irsa).ToJsonString(), Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await client.PostAsync(new Uri("/mutate", UriKind.Relative), body);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                JsonObject answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                JsonObject patched = InjectorUnderTest.Apply(Convert.FromBase64String((string)answer["response"]!["patch"]!), Fixture.Pod(Fixture.Load(Fixture.Irsa)));
                Assert.Equal("secretbroker", (string?)patched["spec"]!["initContainers"]![0]!["name"]);
                Assert.Contains("models: { type: aws-secrets-manager", (string?)patched["metadata"]!["annotations"]!["injector.secretbroker.io/config"], StringComparison.Ordinal);
            }
            finally
            {
                using (Process.Start("kill", ["-TERM", injector.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                }

                await injector.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                output.WriteLine(logs.ToString());
            }

            Assert.Equal(0, injector.ExitCode);
        }
        finally
        {
            artifacts.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        ProcessStartInfo info = new(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using CancellationTokenSource cts = new(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"""EventId"":7000.*?\(port (\d+)\)")]
    private static partial Regex ListeningPort();
}
