using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// Key Vault's real throttle (a sliding window of transactions, 429 + <c>Retry-After</c>, refused requests not
/// counted) set far below what the sidecar's config asks for: the sidecar's request rate must stay near the limit (the
/// accepted ones plus the few refused ones it learns from), not at its configured pace;
/// when the limit lifts it goes back to its pace with no burst and no 429, and delivers what changed meanwhile.
/// </summary>
public class KeyVaultThrottlingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ThrottleWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Throttled = TimeSpan.FromSeconds(25);
    private const int Secrets = 3;

    /// <summary>
    /// get: 3 secrets every 0.5 s ask 60 transactions per 10 s of a vault that allows 10. list: one list page per cycle
    /// asks 20 per 10 s of a vault that allows 5.
    /// </summary>
    [Theory]
    [InlineData("get", 10)]
    [InlineData("list", 5)]
    public async Task Under_a_low_limit_the_rate_stays_near_it_and_after_the_limit_lifts_there_is_no_storm_and_no_429(string refreshMode, int limit)
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        for (int i = 0; i < Secrets; i++)
        {
            setup.PutSecret(AzureCanary.New("THROTTLE_" + i), AzureCloudSetup.NameOf(i));
        }

        string config = setup.WriteConfig(refreshMode, Refresh, socket: true, http: true, count: Secrets);
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.WorkloadIdentityEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar, http: true);
        await Eventually.HoldsAsync(() => setup.ReadOutput() is not null, TimeSpan.FromSeconds(30), $"hf-token delivered.\nstdout:\n{sidecar.StandardOutput}");

        // The limit drops; a new version lands while it holds.
        DateTimeOffset throttledFrom = setup.Cloud.Options.TimeProvider.GetUtcNow();
        setup.SetThrottle(limit, ThrottleWindow);
        string during = AzureCanary.New("THROTTLE_SET_DURING");
        setup.PutSecret(during);
        await Eventually.HoldsAsync(() => setup.KeyVaultRequests("Throttled") > 0, TimeSpan.FromSeconds(15), "the vault to refuse a request");
        await Eventually.HoldsAsync(() => setup.Cloud.Options.TimeProvider.GetUtcNow() >= throttledFrom + Throttled, Throttled + TimeSpan.FromSeconds(5), "the end of the throttled phase");
        DateTimeOffset liftedAt = setup.Cloud.Options.TimeProvider.GetUtcNow();
        setup.SetThrottle(4000, ThrottleWindow);

        // After the lift: the new version arrives and nothing is stale any more.
        await Eventually.HoldsAsync(
            async () => setup.ReadOutput() == during && await probes.StaleGaugeAsync() == 0,
            BackoffBound.Max,
            $"the version set while throttled delivered and stale back to 0.\nstdout:\n{sidecar.StandardOutput}");

        // The first 10 s after the sidecar comes back: no burst of catch-up requests, no 429.
        await Eventually.HoldsAsync(() => setup.KeyVaultLog().Any(r => r.At >= liftedAt), BackoffBound.Max, "a vault request after the lift");
        DateTimeOffset back = setup.KeyVaultLog().First(r => r.At >= liftedAt).At;
        await Eventually.HoldsAsync(() => setup.Cloud.Options.TimeProvider.GetUtcNow() >= back + ThrottleWindow, ThrottleWindow + TimeSpan.FromSeconds(5), "a window after the sidecar came back");

        IReadOnlyList<RequestRecord> log = setup.KeyVaultLog();
        int peakAccepted = RequestRate.PeakInWindow(log, throttledFrom, liftedAt, ThrottleWindow, r => r.Outcome == "ok");
        int peakAll = RequestRate.PeakInWindow(log, throttledFrom, liftedAt, ThrottleWindow, _ => true);
        int refused = RequestRate.Count(log, throttledFrom, liftedAt, r => r.Outcome == "Throttled");
        int accepted = RequestRate.Count(log, throttledFrom, liftedAt, r => r.Outcome == "ok");
        int perCycle = refreshMode == "list" ? 1 : Secrets;
        int paced = (int)(ThrottleWindow / Refresh) * perCycle;

        // The refused requests are how the sidecar learns the limit: a 429 ends the cycle and Retry-After (≥ 1 s) holds
        // the backend, so a window sees a few, not one per configured read. Allowed: two per refresh unit (a secret in
        // get mode, the listing in list mode); a sidecar keeping its pace would send `paced`.
        int refusedAllowance = 2 * perCycle;
        int afterLift = RequestRate.Count(log, back, back + ThrottleWindow, _ => true);
        int throttledAfter = RequestRate.Count(log, liftedAt, DateTimeOffset.MaxValue, r => r.Outcome == "Throttled");
        output.WriteLine($"{refreshMode}: limit {limit}/10 s, configured pace {paced}/10 s; throttled {Throttled.TotalSeconds:0} s: {accepted} accepted + {refused} refused; peak per 10 s {peakAll} requests ({peakAccepted} accepted; bound {limit} + {refusedAllowance} refused); back {(back - liftedAt).TotalSeconds:0.0} s after the lift, then {afterLift} requests in 10 s, {throttledAfter} refused");

        Assert.True(peakAccepted <= limit, $"the vault accepted {peakAccepted} in a window (limit {limit}): the emulator's throttle is broken");
        Assert.True(refused >= 1, "the throttle must have been met");
        Assert.True(peakAll <= limit + refusedAllowance, $"{peakAll} requests in one 10 s window under a limit of {limit} (allowed: {limit} + {refusedAllowance} refused)");

        // No storm after the lift: at most the configured pace plus one catch-up read per refresh unit.
        Assert.True(afterLift <= paced + perCycle, $"{afterLift} requests in the 10 s after the sidecar came back (pace {paced} + {perCycle})");
        Assert.Equal(0, throttledAfter);

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AzureCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }
}
