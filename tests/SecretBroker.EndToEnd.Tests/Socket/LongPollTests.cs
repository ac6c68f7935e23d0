using System.Diagnostics;
using System.Globalization;
using System.Net;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>(c) A long poll answers within 100 ms of a rotation reaching the engine, and 304 when the wait passes.</summary>
public sealed class LongPollTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_long_poll_returns_the_new_value_within_100_ms_of_the_rotation_becoming_visible()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_before");
        var config = setup.WriteConfig(["hf-token"], Refresh, extraFilesKeys: $"  socket:\n    path: {socket}");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_before", TimeSpan.FromSeconds(10), "the first value in the files output");
        using var client = UnixSocketHttp.Create(socket);
        // Ready follows the files by a moment (readiness waits for the writer to record them), so wait for it too.
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "/readyz 200");
        var etag = (await client.GetAsync(new Uri("v1/secrets/hf-token", UriKind.Relative))).Headers.ETag!.Tag;

        var clock = Stopwatch.StartNew();
        TimeSpan? answeredAt = null;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/secrets/hf-token?wait=30", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var poll = client.SendAsync(request).ContinueWith(
            t =>
            {
                answeredAt = clock.Elapsed;
                return t.Result;
            },
            TaskScheduler.Default);

        // The poll must still be waiting before anything changed.
        await Task.WhenAny(poll, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(poll.IsCompleted, "the long poll answered before any rotation");

        var rotatedAt = clock.Elapsed;
        setup.SetSource("hf-token", "hf_after");
        TimeSpan? visibleAt = null;
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
        while (visibleAt is null && clock.Elapsed < deadline)
        {
            // Tight poll of the files output: the engine's publish is what both outputs follow.
            if (setup.ReadOutput("hf-token") == "hf_after")
            {
                visibleAt = clock.Elapsed;
            }
            else
            {
                await Task.Delay(1);
            }
        }

        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(visibleAt);
        var lag = answeredAt!.Value - visibleAt!.Value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rotation written at {rotatedAt.TotalMilliseconds:0} ms; files output showed it at {visibleAt.Value.TotalMilliseconds:0} ms; long poll answered at {answeredAt.Value.TotalMilliseconds:0} ms (answer - visible = {lag.TotalMilliseconds:0.0} ms)"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hf_after", await response.Content.ReadAsStringAsync());
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        Assert.True(lag <= TimeSpan.FromMilliseconds(100), string.Create(CultureInfo.InvariantCulture, $"the long poll answered {lag.TotalMilliseconds:0} ms after the rotation was visible"));
    }

    [Fact]
    public async Task A_long_poll_answers_304_when_a_short_wait_passes_unchanged()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_steady");
        var config = setup.WriteConfig(["hf-token"], Refresh, extraFilesKeys: $"  socket:\n    path: {socket}");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        var etag = (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Header("ETag")!;

        var watch = Stopwatch.StartNew();
        var response = await Curl.GetAsync(socket, "/v1/secrets/hf-token?wait=1", "-H", "If-None-Match: " + etag);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"304 after {watch.Elapsed.TotalMilliseconds:0} ms"));

        Assert.Equal(304, response.Status);
        Assert.Equal(etag, response.Header("ETag"));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(3));
    }
}
