using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>
/// (#11 point 6) A native sidecar must not hold a Job open: SIGTERM stops the real process within 1 s although 50 long
/// polls (<c>?wait=300</c>) are waiting, and each of those clients gets an answer or a closed connection, never a hang.
/// </summary>
public sealed class SigtermWithLongPollsTests(ITestOutputHelper output)
{
    private const int LongPolls = 50;

    [Fact]
    public async Task SIGTERM_stops_the_sidecar_within_1_s_with_50_long_polls_open_and_every_poll_is_answered()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1),
            extraFilesKeys: $"  socket:\n    path: {socket}\n  http:\n    listen: 127.0.0.1:0");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sidecar.HttpListeningPort()}/") };
        var etag = (await Curl.GetAsync(socket, "/v1/secrets/hf-token")).Header("ETag")!;

        // One client per poll: each its own connection, as 50 consumers would have.
        var clients = Enumerable.Range(0, LongPolls).Select(_ => UnixSocketHttp.Create(socket)).ToList();
        try
        {
            var polls = clients.Select(client => PollAsync(client, etag)).ToList();
            await Eventually.HoldsAsync(
                async () => (await metrics.GetStringAsync(new Uri("metrics", UriKind.Relative))).Contains(
                    string.Create(CultureInfo.InvariantCulture, $"\nsecretbroker_socket_watchers{{}} {LongPolls}\n"), StringComparison.Ordinal),
                TimeSpan.FromSeconds(20),
                $"{LongPolls} long polls waiting at once");
            Assert.All(polls, p => Assert.False(p.IsCompleted, "a long poll answered before the stop"));

            var clock = Stopwatch.StartNew();
            sidecar.Signal(Posix.SigTerm);
            var exitCode = await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(20));
            var exitedAfter = clock.Elapsed;

            // Every client is done promptly: the 300 s wait must not be what ends it.
            var outcomes = await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(5));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exit {exitCode} {exitedAfter.TotalMilliseconds:0} ms after SIGTERM; long polls: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Count()} × {g.Key}"))}"));

            Assert.Equal(0, exitCode);
            Assert.True(exitedAfter < TimeSpan.FromSeconds(1), string.Create(CultureInfo.InvariantCulture, $"the sidecar took {exitedAfter.TotalMilliseconds:0} ms to exit after SIGTERM"));
            Assert.All(outcomes, o => Assert.True(o is "503" or "closed", $"a long poll ended with {o}"));
            Assert.False(File.Exists(socket), "a clean stop removes the socket file");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>How a long poll ended: its HTTP status, or <c>closed</c> when the connection ended without an answer.</summary>
    private static async Task<string> PollAsync(HttpClient client, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/secrets/hf-token?wait=300", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        try
        {
            using var response = await client.SendAsync(request);
            _ = await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "closed";
        }
        catch (IOException)
        {
            return "closed";
        }
    }
}
