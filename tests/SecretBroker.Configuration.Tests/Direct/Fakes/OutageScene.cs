using Microsoft.Extensions.Configuration;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// The scene the direct outage tests share (Key Vault faulted, Vault sealed): refresh cycles during the outage keep the
/// last value and report it stale; the first cycle after it reloads once with the value written meanwhile; no log line
/// or error carries either value.
/// </summary>
internal static class OutageScene
{
    /// <summary>Refresh cycles run during the outage.</summary>
    public const int Cycles = 4;

    private const int Stale = 1004;
    private const int Recovered = 1005;

    /// <summary>Runs <see cref="Cycles"/> cycles; after each, <paramref name="key"/> still holds <paramref name="before"/>.</summary>
    public static async Task RideOutAsync(DirectBroker broker, ConfigurationRoot root, string key, string before)
    {
        for (int cycle = 0; cycle < Cycles; cycle++)
        {
            await broker.RefreshCycleAsync(root);

            // Would fail if a failed refresh dropped or blanked the key: it must hold the last value through every cycle.
            Assert.Equal(before, root[key]);
        }
    }

    /// <summary>During the outage: reported stale (EventId 1004), each error from <paramref name="backend"/>, no reload.</summary>
    public static void AssertServedStale(DirectBroker broker, ReloadCounter reloads, string backend)
    {
        Assert.True(broker.Logs.Count(Stale) >= 1, "the value is reported stale (EventId 1004)");
        Assert.NotEmpty(broker.Errors);
        Assert.All(broker.Errors, e => Assert.Equal(backend, e.Backend));
        Assert.Equal(0, reloads.Count);
    }

    /// <summary>
    /// After the outage: one cycle delivers <paramref name="during"/> with one reload and reports the recovery (EventId
    /// 1005); neither value was ever written to a log line, exception or refresh error.
    /// </summary>
    public static async Task AssertRecoversAsync(DirectBroker broker, ConfigurationRoot root, ReloadCounter reloads, string key, string before, string during)
    {
        // Would fail if the provider stopped retrying after the outage or missed the version written during it.
        await broker.RefreshCycleAsync(root);
        await reloads.WaitForAsync(1);

        Assert.Equal(during, root[key]);
        Assert.Equal(1, reloads.Count);
        Assert.True(broker.Logs.Count(Recovered) >= 1, "the recovery is reported (EventId 1005)");

        // Would fail if any log line (Trace included) or exception text carried a value.
        CanaryScan.AssertNeverWritten(broker, [before, during]);
    }
}
