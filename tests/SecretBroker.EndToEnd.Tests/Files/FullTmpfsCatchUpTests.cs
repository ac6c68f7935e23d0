using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Files;

/// <summary>
/// Issue #8, item 2: a write that fails because the tmpfs is full is retried once space returns, with no further
/// change needed; meanwhile <c>/readyz</c> says 503 and <c>secretbroker_files_behind</c> says 1.
/// </summary>
public sealed partial class FullTmpfsCatchUpTests
{
    [Fact]
    public async Task A_rotation_that_hit_a_full_tmpfs_is_delivered_once_space_returns_and_readiness_follows()
    {
        using var setup = new LocalSidecarSetup();
        using var volume = SmallTmpfs.Mount(Path.GetDirectoryName(setup.OutputDirectory)!, sizeKiB: 256);
        setup.SetSource("hf-token", "hf_before_rotation");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromMilliseconds(300), extraFilesKeys: "  http:\n    listen: 127.0.0.1:0");

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_before_rotation", TimeSpan.FromSeconds(30), "the first value delivered");
        await sidecar.WaitForLogAsync("\"EventId\":4100", TimeSpan.FromSeconds(10));
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture)), Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(async () => await ReadyStatusAsync(http) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "ready");

        volume.Fill();
        setup.SetSource("hf-token", "hf_after_rotation");

        await sidecar.WaitForLogAsync("\"EventId\":2010", TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(async () => await ReadyStatusAsync(http) == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "/readyz 503 while the files are behind");
        Assert.Equal(1, BehindGauge(await http.GetStringAsync("/metrics")));
        Assert.Equal("hf_before_rotation", setup.ReadOutput("hf-token"));

        volume.Free();

        // Retries back off 1, 2, 4, 8 … s; space came back within a few seconds of the first failure.
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_after_rotation", TimeSpan.FromSeconds(40), "the rotated value delivered after space returned");
        await Eventually.HoldsAsync(async () => await ReadyStatusAsync(http) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "/readyz 200 again");
        Assert.Equal(0, BehindGauge(await http.GetStringAsync("/metrics")));
        await sidecar.WaitForLogAsync("\"EventId\":2011", TimeSpan.FromSeconds(5));
        Assert.Single(sidecar.StdoutLines, l => l.Contains("\"EventId\":2010", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(HttpClient http)
    {
        using HttpResponseMessage response = await http.GetAsync("/readyz");
        return response.StatusCode;
    }

    private static int BehindGauge(string metrics)
    {
        Match match = BehindLine().Match(metrics);
        Assert.True(match.Success, "no secretbroker_files_behind in /metrics:\n" + metrics);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^secretbroker_files_behind(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex BehindLine();
}
