using System.Net.Http.Headers;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>
/// Issue #8 item 5 against the real process: silent connections hold a slot for the 10 s header deadline only, probes
/// are answered even then, long polls draw from their own budget, and a denied peer loses its connection.
/// </summary>
public sealed class ConnectionSlotTests
{
    [Fact]
    public async Task Sixty_four_silent_connections_are_dropped_at_the_ten_second_deadline_and_probes_answer_meanwhile()
    {
        await using var started = await SocketSidecar.StartAsync();
        var sidecar = started.Process;
        var setup = started.Setup;
        var socket = started.Socket;

        // The default maxConnections, all silent. This is the one test on the real (shipped) 10 s deadline.
        var silent = Enumerable.Range(0, 64).Select(_ => UnixSocketHttp.Connect(socket)).ToList();
        try
        {
            var held = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(429, (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Status);
            Assert.Equal(200, (await Curl.GetAsync(socket, "/healthz")).Status);
            Assert.Equal(200, (await Curl.GetAsync(socket, "/readyz")).Status);

            await Eventually.HoldsAsync(
                async () => (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Status == 200,
                TimeSpan.FromSeconds(20),
                "a read served once the silent connections were dropped");
            Assert.InRange(held.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20));
            Assert.All(silent, s => Assert.True(s.Poll(0, System.Net.Sockets.SelectMode.SelectRead) && s.Available == 0, "a silent connection still open"));
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Long_polls_beyond_max_connections_all_wait_and_plain_reads_still_get_through()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1),
            extraFilesKeys: $"  socket:\n    path: {socket}\n    maxConnections: 2\n  http:\n    listen: 127.0.0.1:0");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sidecar.HttpListeningPort()}/") };
        var etag = (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Header("ETag")!;

        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 6).Select(_ => UnixSocketHttp.Create(socket)).ToList();
        var polls = clients.Select(client =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "v1/secrets/hf-token?wait=60");
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            return client.SendAsync(request, stop.Token);
        }).ToList();
        try
        {
            // All six wait, three times maxConnections (before: all but two got 429).
            await Eventually.HoldsAsync(
                async () => (await metrics.GetStringAsync(new Uri("metrics", UriKind.Relative))).Contains("\nsecretbroker_socket_watchers{} 6\n", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10),
                "six long polls waiting at once");

            var read = await Curl.GetAsync(socket, "/v1/secrets/hf-token");
            Assert.Equal(200, read.Status);
            Assert.Equal("hf_value", read.Body);
            Assert.Equal(200, (await Curl.GetAsync(socket, "/v1/secrets")).Status);
            Assert.All(polls, p => Assert.False(p.IsCompleted));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(polls).ContinueWith(static _ => { }, TaskScheduler.Default);
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_denied_peer_gets_connection_close_with_its_403_and_its_flood_is_folded_into_a_count()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}\n    mode: \"0666\"");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));

        var denied = await Curl.GetAsNobodyAsync(socket, "/v1/secrets/hf-token");
        Assert.Equal(403, denied.Status);
        Assert.Equal("close", denied.Header("Connection"));

        await using var flood = OtherUid.Start("denied_requests.py", socket, "500");
        Assert.Equal("500", (await flood.WaitForExitAsync(TimeSpan.FromSeconds(60))).Trim());

        // curl's denial and the flood are different pids: one line each at once, the rest a count per window.
        await sidecar.WaitForLogAsync("\"EventId\":4013", TimeSpan.FromSeconds(20));
        Assert.InRange(sidecar.StdoutLines.Count(l => l.Contains("\"EventId\":4012", StringComparison.Ordinal)), 2, 3);
    }

    [Fact]
    public async Task Protocol_details_lowercase_get_is_405_and_oversized_requests_get_problem_json()
    {
        await using var started = await SocketSidecar.StartAsync();
        var sidecar = started.Process;
        var setup = started.Setup;
        var socket = started.Socket;

        var lowercase = await Curl.GetAsync(socket, "/v1/secrets/hf-token", "-X", "get");
        Assert.Equal(405, lowercase.Status);
        Assert.DoesNotContain("hf_value", lowercase.Raw, StringComparison.Ordinal);

        var longTarget = await Curl.GetAsync(socket, "/v1/secrets/" + new string('a', 5000));
        Assert.Equal(414, longTarget.Status);
        Assert.Equal("application/problem+json", longTarget.Header("Content-Type"));
        Assert.Contains("\"status\":414", longTarget.Body, StringComparison.Ordinal);

        string[] headers = [.. Enumerable.Range(0, 40).SelectMany(i => new[] { "-H", $"X-Filler-{i}: {i}" })];
        var manyHeaders = await Curl.GetAsync(socket, "/v1/secrets/hf-token", headers);
        Assert.Equal(431, manyHeaders.Status);
        Assert.Equal("application/problem+json", manyHeaders.Header("Content-Type"));
        Assert.Contains("\"status\":431", manyHeaders.Body, StringComparison.Ordinal);

        var bigHeader = await Curl.GetAsync(socket, "/v1/secrets/hf-token", "-H", "X-Big: " + new string('b', 9000));
        Assert.Equal(431, bigHeader.Status);
        Assert.Equal("application/problem+json", bigHeader.Header("Content-Type"));
    }
}
