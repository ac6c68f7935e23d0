using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>samples/SidecarConsumer: its bound options change live when the sidecar delivers a rotation.</summary>
public sealed class SampleConsumerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sample_apps_bound_options_follow_a_rotation_without_a_restart()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("huggingface--token", "hf_sample_first_value");
        var config = setup.WriteConfig(["huggingface--token"], TimeSpan.FromMilliseconds(200));
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("huggingface--token") is not null, TimeSpan.FromSeconds(20), "the first delivery");

        int port = FreePort();
        using var app = StartSample(setup.OutputDirectory, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            string first = await EventuallyGetAsync(http, page => page.Contains("rotations seen: 0", StringComparison.Ordinal));

            setup.SetSource("huggingface--token", "hf_sample_second_value");
            string second = await EventuallyGetAsync(http, page => page.Contains("rotations seen: 1", StringComparison.Ordinal));
            output.WriteLine(first + second);

            Assert.NotEqual(Fingerprint(first), Fingerprint(second));
            Assert.DoesNotContain("hf_sample", first + second, StringComparison.Ordinal);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
        }
    }

    private static Process StartSample(string secretsDirectory, int port)
    {
        var info = new ProcessStartInfo(RepositoryPaths.DotnetHost) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(RepositoryPaths.SidecarConsumerDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["SECRETBROKER_SECRETS_DIR"] = secretsDirectory;
        info.Environment.Remove("SECRETBROKER_SOCKET");
        var process = Process.Start(info) ?? throw new InvalidOperationException("the sample did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> EventuallyGetAsync(HttpClient http, Func<string, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        string last = "(no answer)";
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                last = await http.GetStringAsync(new Uri("/", UriKind.Relative));
                if (condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the sample never answered as expected; last answer: {last}");
    }

    private static string Fingerprint(string page) => page.Split('\n')[0];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
