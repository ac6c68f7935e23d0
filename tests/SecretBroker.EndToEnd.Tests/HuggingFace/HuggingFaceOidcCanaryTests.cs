using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// No token leaves the secret's own file: not an access token the Hub issued, not the projected token, at the most
/// verbose log level, through refreshes, refusals and Hub outages, in logs, <c>check</c>, the socket's listing or
/// <c>/metrics</c>.
/// </summary>
public class HuggingFaceOidcCanaryTests
{
    [Fact]
    public async Task No_token_appears_in_any_output_through_refreshes_refusals_and_outages()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync(o => o.HuggingFace.AccessTokenLifetime = TimeSpan.FromSeconds(3));
        // refresh 1 s: a permanent refusal is retried after max(refresh, 30 s) instead of 5 min.
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(1), socket: true, http: true);
        var environment = new Dictionary<string, string> { ["SECRETBROKER_LOG_LEVEL"] = "Trace" };

        var check = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), environment: environment);
        string listing;
        string metrics;
        string runOutput;
        await using (SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: environment))
        {
            await Eventually.HoldsAsync(() => setup.ReadOutput() is { } v && v == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(30), $"the first token delivered.\nstdout:\n{sidecar.StandardOutput}");

            // A refusal (the trust removed), then an outage: the failure paths log too.
            setup.Cloud.HubTokens.Untrust(HubCloudSetup.Resource);
            await Eventually.HoldsAsync(() => setup.Cloud.Counters.Count("huggingface.TokenExchange", "invalid_grant") >= 1, TimeSpan.FromSeconds(30), "a refused exchange");
            setup.Cloud.HubTokens.Trust(HubCloudSetup.Resource, [setup.Cloud.Options.HuggingFaceToken.Subject]);
            setup.Cloud.Faults.Set("TokenExchange", new Fault { Kind = FaultKind.ServiceUnavailable, Count = 2 });
            int before = setup.Issued.Count;
            await Eventually.HoldsAsync(() => setup.Issued.Count > before, TimeSpan.FromSeconds(90), $"an exchange after the refusal and the outage.\nstdout:\n{sidecar.StandardOutput}");
            await Eventually.HoldsAsync(() => setup.ReadOutput() == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(10), "the latest token delivered");

            using (HttpClient socket = UnixSocketHttp.Create(setup.SocketPath))
            {
                listing = await socket.GetStringAsync(new Uri("http://localhost/v1/secrets"));
            }

            using (var http = new HttpClient())
            {
                metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{sidecar.HttpListeningPort()}/metrics"));
            }

            sidecar.Signal(Posix.SigTerm);
            Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
            runOutput = sidecar.StandardOutput + "\n" + sidecar.StandardError;
        }

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("invalid_grant", runOutput, StringComparison.Ordinal);
        Assert.Contains("hf-token", listing, StringComparison.Ordinal);
        Assert.Contains("hub", metrics, StringComparison.Ordinal);
        foreach (string text in new[] { check.Stdout, check.Stderr, runOutput, listing, metrics })
        {
            setup.AssertNoTokenIn(text);
        }
    }
}
