using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// Key Vault's real throttle (a sliding window of transactions, 429 + <c>Retry-After</c>, refused requests not
/// counted) set far below what the sidecar's config asks for: the sidecar's request rate must stay near the limit (the
/// accepted ones plus the refused ones it learns from, within the engine's backoff bound), not at its configured pace;
/// when the limit lifts it goes back to its pace with no burst and no 429, and delivers what changed meanwhile.
/// </summary>
public class KeyVaultThrottlingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ThrottleWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Throttled = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan AfterLift = TimeSpan.FromSeconds(12);
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
        await Eventually.HoldsAsync(() => setup.Cloud.Options.TimeProvider.GetUtcNow() >= liftedAt + AfterLift, AfterLift + TimeSpan.FromSeconds(5), "a window after the lift");
        DateTimeOffset end = setup.Cloud.Options.TimeProvider.GetUtcNow();

        IReadOnlyList<RequestRecord> log = setup.KeyVaultLog();
        int peakAccepted = RequestRate.PeakInWindow(log, throttledFrom, liftedAt, ThrottleWindow, r => r.Outcome == "ok");
        int peakAll = RequestRate.PeakInWindow(log, throttledFrom, liftedAt, ThrottleWindow, _ => true);
        int refused = RequestRate.Count(log, throttledFrom, liftedAt, r => r.Outcome == "Throttled");
        int accepted = RequestRate.Count(log, throttledFrom, liftedAt, r => r.Outcome == "ok");
        int perCycle = refreshMode == "list" ? 1 : Secrets;
        int paced = (int)(ThrottleWindow / Refresh) * perCycle;

        // Each refresh unit (a secret in get mode, the list in list mode) may be refused at most as often as the
        // engine's backoff schedule retries in one window; the accepted ones are the vault's limit.
        int refusedAllowance = perCycle * BackoffBound.MaxAttempts(ThrottleWindow);
        int afterLift = RequestRate.PeakInWindow(log, liftedAt, end, ThrottleWindow, _ => true);
        int throttledAfter = RequestRate.Count(log, liftedAt, end, r => r.Outcome == "Throttled");
        output.WriteLine($"{refreshMode}: limit {limit}/10 s, configured pace {paced}/10 s; throttled {Throttled.TotalSeconds:0} s: {accepted} accepted + {refused} refused; peak per 10 s {peakAll} requests ({peakAccepted} accepted; bound {limit} + {refusedAllowance} refused); after the lift: peak {afterLift} per 10 s, {throttledAfter} refused");

        Assert.True(peakAccepted <= limit, $"the vault accepted {peakAccepted} in a window (limit {limit}): the emulator's throttle is broken");
        Assert.True(peakAll <= limit + refusedAllowance, $"{peakAll} requests in one 10 s window under a limit of {limit} (allowed: {limit} + {refusedAllowance} refused)");
        Assert.True(peakAll < paced, $"throttled, the sidecar kept its configured pace ({peakAll} per 10 s, pace {paced})");

        // No storm after the lift: at most the configured pace plus one catch-up read per refresh unit.
        Assert.True(afterLift <= paced + perCycle, $"{afterLift} requests in a 10 s window after the lift (pace {paced} + {perCycle})");
        Assert.Equal(0, throttledAfter);

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AzureCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }
}
