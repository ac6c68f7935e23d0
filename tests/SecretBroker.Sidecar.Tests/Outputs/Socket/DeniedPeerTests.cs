using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>
/// A denied peer loses its connection with the 403, and its repeated denials are folded like reads: one line at once,
/// then one count per window — not a line per request.
/// </summary>
public class DeniedPeerTests
{
    private static readonly PeerCredentials Stranger = new(7, 65534, 65534);

    [Fact]
    public async Task A_denied_request_closes_its_connection()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext response = await api.SendAsync("/v1/secrets/hf-token", Stranger);

        Assert.Equal(403, response.Response.StatusCode);
        Assert.Equal("close", response.Response.Headers.Connection);
    }

    [Fact]
    public async Task A_thousand_denials_of_one_peer_log_one_line_then_one_count_per_window()
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        for (int i = 0; i < 1000; i++)
        {
            await api.SendAsync(i % 2 == 0 ? "/v1/secrets/hf-token" : "/v1/secrets", Stranger);
        }

        Assert.Single(api.Logs.Entries, e => e.EventId.Id == 4012);

        api.Clock.Advance(TimeSpan.FromSeconds(10));

        var repeated = Assert.Single(api.Logs.Entries, e => e.EventId.Id == 4013);
        Assert.Contains("uid 65534 gid 65534 pid 7 999 more times", repeated.Message, StringComparison.Ordinal);

        // A quiet window forgets the peer: its next denial is a first line again.
        api.Clock.Advance(TimeSpan.FromSeconds(10));
        api.Clock.Advance(TimeSpan.FromSeconds(10));
        await api.SendAsync("/v1/secrets/hf-token", Stranger);
        Assert.Equal(2, api.Logs.Entries.Count(e => e.EventId.Id == 4012));
        Assert.Single(api.Logs.Entries, e => e.EventId.Id == 4013);
    }
}
