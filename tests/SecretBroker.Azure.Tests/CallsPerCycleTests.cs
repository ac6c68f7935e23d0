using SecretBroker.Azure.Tests.Fakes;
using SecretBroker.Backends;

using Xunit.Abstractions;

namespace SecretBroker.Azure.Tests;

/// <summary>
/// The README's "Key Vault calls per cycle" table, measured through the real refresh engine against the emulators:
/// 60 secrets following their latest version plus 1 pinned version, a quiet cycle and a cycle where one rotated.
/// </summary>
public sealed class CallsPerCycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Following = 60;
    private AzureTestCloud? _cloud;

    private AzureTestCloud Cloud => _cloud!;

    public async Task InitializeAsync() => _cloud = await AzureTestCloud.StartAsync();

    public async Task DisposeAsync() => await Cloud.DisposeAsync();

    [Fact]
    public async Task Get_mode_reads_each_following_secret_once_a_cycle_and_a_pinned_version_never_again()
    {
        Cost cost = await MeasureAsync(AzureRefreshMode.Get);

        Assert.Equal(Following + 1, cost.Load);
        Assert.Equal(new Cycle(0, Following), cost.Quiet);
        Assert.Equal(new Cycle(0, Following), cost.Rotated);
    }

    [Fact]
    public async Task List_mode_reads_the_listing_pages_and_only_what_moved()
    {
        Cost cost = await MeasureAsync(AzureRefreshMode.List);

        // 61 secrets in the vault, 25 a page: 3 pages.
        Assert.Equal(Following + 1, cost.Load);
        Assert.Equal(new Cycle(3, 0), cost.Quiet);
        Assert.Equal(new Cycle(3, 1), cost.Rotated);
    }

    private async Task<Cost> MeasureAsync(AzureRefreshMode mode)
    {
        for (int i = 0; i < Following; i++)
        {
            Cloud.Vault.Set($"s{i:00}", $"value-{i}");
        }

        string pinned = Cloud.Vault.Set("pinned", "fixed").Version;
        Cloud.Tick();
        RecordingHandler handler = Cloud.Handler();
        var clock = new TestClock();
        SecretDefinition[] secrets =
        [
            .. Enumerable.Range(0, Following).Select(static i => Definitions.Secret($"s{i:00}")),
            Definitions.Secret("pinned", version: pinned),
        ];
        await using var engine = new SecretRefreshEngine(
            secrets,
            new Dictionary<string, ISecretBackend> { ["kv"] = Cloud.Backend(handler, mode) },
            new SecretRefreshEngineOptions { RefreshJitter = 0 },
            clock);

        await engine.StartAsync(CancellationToken.None);
        await clock.WaitForPendingTimerAsync();
        int load = Reads(handler).Gets;
        handler.Clear();

        Cycle quiet = await CycleAsync(clock, handler);

        Cloud.Tick();
        Cloud.Vault.Set("s07", "rotated");
        long before = engine.Current.Number;
        Cycle rotated = await CycleAsync(clock, handler);
        Assert.Equal(["s07"], (await engine.WaitForGenerationAsync(before, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10))).Changed);

        output.WriteLine($"refreshMode {mode.ToString().ToLowerInvariant()}, {Following} secrets + 1 pinned: load {load} GETs; quiet cycle {quiet.ListPages} list pages + {quiet.Gets} GETs = {quiet.Total}; cycle with one rotated {rotated.ListPages} + {rotated.Gets} = {rotated.Total}");
        return new Cost(load, quiet, rotated);
    }

    private static async Task<Cycle> CycleAsync(TestClock clock, RecordingHandler handler)
    {
        handler.Clear();
        await clock.AdvanceToNextTimerAsync();
        await clock.WaitForPendingTimerAsync();
        Cycle cycle = Reads(handler);
        Assert.Equal(cycle.Total, handler.Count(static r => r.Service == "keyvault")); // nothing else reached the vault
        return cycle;
    }

    private static Cycle Reads(RecordingHandler handler) =>
        new(handler.Count(static r => r.IsListPage && r.Status == 200), handler.Count(static r => r.IsSecretGet && r.Status == 200));

    private sealed record Cycle(int ListPages, int Gets)
    {
        public int Total => ListPages + Gets;
    }

    private sealed record Cost(int Load, Cycle Quiet, Cycle Rotated);
}
