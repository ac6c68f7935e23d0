using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace SecretBroker.Core.Tests.Fleet;

/// <summary>
/// Issue #12 point 6: 1,000 sidecars starting within 10 s, 10 secrets each, against one Key Vault limited to 4,000
/// transactions per 10 s, on a fake clock. Our engines (real <see cref="SecretRefreshEngine"/>s) against the peers'
/// naive polling, then an hour of steady state at <c>refresh: 5m</c>. The figures go to the test output; the same
/// run's figures are in docs/benchmarks.md ("Key Vault at fleet scale").
/// </summary>
public class FleetSimulationTests(ITestOutputHelper output)
{
    private const int Sidecars = 1000;
    private const int SecretsEach = 10;
    private static readonly TimeSpan StartSpread = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SteadyState = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_thousand_sidecars_converge_politely_and_then_stay_far_below_the_vault_limit()
    {
        var wall = Stopwatch.StartNew();
        var clock = new TestClock();
        var startsRandom = new Random(42);
        TimeSpan[] starts = [.. Enumerable.Range(0, Sidecars).Select(_ => StartSpread * startsRandom.NextDouble()).Order()];

        // The peers: same starts, their own vault.
        var naiveVault = new FleetVault(clock.GetUtcNow());
        DateTimeOffset naiveConverged = NaiveFleet.Converge(naiveVault, starts, SecretsEach);

        var vault = new FleetVault(clock.GetUtcNow());
        await using var fleet = new FleetOfEngines(clock, vault, starts, SecretsEach, Refresh);
        DateTimeOffset converged = await fleet.ConvergeAsync(clock.Start + TimeSpan.FromMinutes(10));
        long convergeRequests = vault.Accepted + vault.Refused;
        long convergeRefusals = vault.Refused;
        await fleet.RunUntilAsync(converged + SteadyState);

        // Every sidecar holds all its secrets, fresh; none gave up.
        Assert.All(fleet.Engines, engine =>
        {
            Assert.Equal(SecretsEach, engine.Current.Secrets.Count);
            Assert.DoesNotContain(engine.Current.Secrets.Values, static e => e.Stale);
        });

        // No sidecar sent while a Retry-After it was given still ran (the naive peers do, all the time).
        Assert.Equal(0, vault.Violations);

        // After the first 429 the vault saw at most twice its limit in any 10 s, refused requests included. Strictly
        // "never above the limit" cannot hold: a sidecar that has never been refused has no Retry-After to honour, so
        // each late starter spends one refused request learning that the vault is full (and accepted requests alone
        // never exceed the limit: the vault enforces it). What the engine controls is that it sends nothing more
        // until told, and comes back spread out.
        int firstRefusal = vault.SecondOf(vault.FirstRefusal!.Value);
        int convergedSecond = vault.SecondOf(converged);
        int peak = vault.PeakPer10Seconds(firstRefusal, convergedSecond + 1);
        int naivePeak = naiveVault.PeakPer10Seconds(naiveVault.SecondOf(naiveVault.FirstRefusal!.Value), naiveVault.SecondOf(naiveConverged) + 1);
        Assert.InRange(peak, 0, 2 * FleetVault.Limit);
        Assert.True(convergeRefusals * 10 < naiveVault.Refused, $"ours {convergeRefusals} 429s, naive {naiveVault.Refused}: not under a tenth.");

        // No 429 once converged; steady state far below the limit.
        Assert.True(vault.LastRefusal <= converged, $"a 429 at {vault.LastRefusal:O}, after convergence at {converged:O}");
        int steadyFrom = convergedSecond + 1;
        int steadyTo = steadyFrom + (int)SteadyState.TotalSeconds;
        double steadyMean = vault.RequestsBetween(steadyFrom, steadyTo) / (SteadyState.TotalSeconds / 10);
        (int steadyWorstAt, int steadyWorst) = vault.BusiestTenSeconds(steadyFrom, steadyTo - 9);
        Assert.InRange(steadyMean, 0, 0.10 * FleetVault.Limit);
        Assert.InRange(steadyWorst, 0, 0.50 * FleetVault.Limit);

        string Seconds(DateTimeOffset at) => (at - clock.Start).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        output.WriteLine($"Fleet: {Sidecars} sidecars starting within {StartSpread.TotalSeconds} s, {SecretsEach} secrets each; vault limit {FleetVault.Limit} transactions per 10 s (sliding), 429 + Retry-After over it.");
        output.WriteLine($"ours : converged {Seconds(converged)} s, {convergeRequests:N0} requests, {convergeRefusals:N0} 429s, peak {peak:N0} per 10 s (after the first 429), 0 sends inside a Retry-After");
        output.WriteLine($"naive: converged {Seconds(naiveConverged)} s, {naiveVault.Accepted + naiveVault.Refused:N0} requests, {naiveVault.Refused:N0} 429s, peak {naivePeak:N0} per 10 s, {naiveVault.Violations:N0} sends inside a Retry-After");
        output.WriteLine($"steady (refresh 5m, 1 h after convergence): mean {steadyMean:F0} per 10 s ({steadyMean / FleetVault.Limit:P1} of the limit), worst {steadyWorst:N0} per 10 s ({(double)steadyWorst / FleetVault.Limit:P1}, from {steadyWorstAt} s), 429s after convergence: 0");
        output.WriteLine($"wall time {wall.Elapsed.TotalSeconds:F1} s");
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(60), $"the simulation took {wall.Elapsed}");
    }
}
