using System.Net;
using System.Text.Json;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// The Hub unreachable past the end of an access token's <c>expires_in</c>, through the real sidecar: the token keeps
/// being served stale until it expires, then it is withdrawn — the file, <c>hf/token</c> and its links gone, the socket
/// answering 503 <c>lease-ended</c>, <c>/readyz</c> 503, <c>secretbroker_secrets_expired</c> 1 — never an expired
/// token; when the Hub answers again, a new token is delivered everywhere.
/// </summary>
public class HuggingFaceOidcExpiryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_token_that_expires_while_the_hub_is_down_is_withdrawn_everywhere_and_delivered_again_when_it_is_back()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync(o => o.HuggingFace.AccessTokenLifetime = Lifetime);
        string config = setup.WriteConfig(socket: true, http: true, profile: "huggingface");
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar, http: true);
        await Eventually.HoldsAsync(() => setup.Issued.Count >= 1 && setup.ReadOutput() == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(30), $"hf-token delivered.\nstdout:\n{sidecar.StandardOutput}");

        // The Hub goes down right after a token was delivered: that token is the one that must run out.
        setup.Cloud.Faults.Set("TokenExchange", new Fault { Kind = FaultKind.ServiceUnavailable });
        await Eventually.HoldsAsync(() => setup.ReadOutput() == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(10), "the file holds the last token issued");
        IssuedHubToken last = setup.Issued[^1];
        output.WriteLine($"last token issued {last.IssuedAt:O}, expires {last.ExpiresAt:O}");

        // Stale until it expires: still the file, the socket and hf/token, flagged in /metrics.
        await Eventually.HoldsAsync(async () => await probes.StaleGaugeAsync() >= 1, Lifetime + TimeSpan.FromSeconds(5), $"secretbroker_secrets_stale ≥ 1.\nstdout:\n{sidecar.StandardOutput}");
        (HttpStatusCode staleStatus, string staleValue, bool staleHeader) = await probes.ReadAsync(HubCloudSetup.FileName);
        if (staleStatus == HttpStatusCode.OK)
        {
            Assert.Equal(last.AccessToken, staleValue);
            Assert.True(staleHeader, "SecretBroker-Stale: true while the Hub fails");
            Assert.True(DateTimeOffset.UtcNow < last.ExpiresAt + TimeSpan.FromSeconds(1), "the token was served after it expired");
        }
        else
        {
            output.WriteLine($"the socket answered {(int)staleStatus}: the token had already run out when it was read");
        }

        // Withdrawn at the end of its lease: never served once it has expired.
        TimeSpan withdrawnAfter = await Eventually.HoldsAsync(
            () =>
            {
                bool present = setup.ReadOutput() is not null;
                Assert.False(present && DateTimeOffset.UtcNow > last.ExpiresAt + TimeSpan.FromSeconds(2), "the expired token is still in the file 2 s after its expiry");

                // The writer swaps ..data first and then removes the top-level links one by one (hf-token, then hf):
                // wait for the last of them, or a read between the two sees the file gone and the hf link not yet.
                return !present && !Path.Exists(Path.Combine(setup.OutputDirectory, "hf"));
            },
            Lifetime + TimeSpan.FromSeconds(10),
            $"hf-token removed at the token's expiry.\nstdout:\n{sidecar.StandardOutput}");
        output.WriteLine($"file gone {withdrawnAfter.TotalSeconds:0.0} s into the wait, {(DateTimeOffset.UtcNow - last.ExpiresAt).TotalSeconds:0.00} s after expires_in ended");
        Assert.False(Path.Exists(Path.Combine(setup.OutputDirectory, "hf", "token")), "hf/token removed with it");
        Assert.False(Path.Exists(Path.Combine(setup.OutputDirectory, "hf")), "the hf link removed with it");

        (HttpStatusCode status, string body, _) = await probes.ReadAsync(HubCloudSetup.FileName);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        using (JsonDocument problem = JsonDocument.Parse(body))
        {
            Assert.Equal("urn:secretbroker:problem:lease-ended", problem.RootElement.GetProperty("type").GetString());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await probes.ReadyAsync());
        Assert.Equal(1, await probes.ExpiredGaugeAsync());
        Assert.Equal(0, await probes.StaleGaugeAsync());
        Assert.Contains(sidecar.StdoutLines, l => l.Contains("\"EventId\":1009", StringComparison.Ordinal));

        // The Hub answers again: a new token, everywhere.
        setup.Cloud.Faults.Clear();
        await Eventually.HoldsAsync(
            async () => setup.ReadOutput() is { } token && token == setup.Issued[^1].AccessToken && token != last.AccessToken && await probes.ExpiredGaugeAsync() == 0,
            TimeSpan.FromSeconds(40),
            $"a new token delivered after the Hub is back.\nstdout:\n{sidecar.StandardOutput}");
        string fresh = setup.ReadOutput()!;
        Assert.Equal(fresh, File.ReadAllText(Path.Combine(setup.OutputDirectory, "hf", "token")));
        (status, body, _) = await probes.ReadAsync(HubCloudSetup.FileName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, await probes.ReadyAsync());

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoTokenIn(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }
}
