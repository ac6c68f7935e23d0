using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>The denial audit's memory is bounded: beyond the tracked peers, denials fold into one count.</summary>
public sealed class AccessDeniedAuditTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly CollectingLoggerProvider _logs = new();

    [Fact]
    public void Peers_beyond_the_cap_are_counted_in_one_line_per_window()
    {
        using AccessDeniedAudit audit = new(_clock, _logs.CreateLogger("audit"));

        for (int pid = 1; pid <= AccessDeniedAudit.MaxTrackedPeers + 500; pid++)
        {
            audit.Denied(new PeerCredentials(pid, 65534, 65534), "/v1/secrets");
        }

        Assert.Equal(AccessDeniedAudit.MaxTrackedPeers, _logs.Entries.Count(e => e.EventId.Id == 4012));

        _clock.Advance(AccessDeniedAudit.Window);

        var untracked = Assert.Single(_logs.Entries, e => e.EventId.Id == 4014);
        Assert.Contains("Denied 500 requests", untracked.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 4013);
    }

    [Fact]
    public void The_shipped_window_is_ten_seconds_and_pending_counts_are_flushed_on_dispose()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), AccessDeniedAudit.Window);
        AccessDeniedAudit audit = new(_clock, _logs.CreateLogger("audit"));
        PeerCredentials peer = new(9, 1000, 1000);
        audit.Denied(peer, "/v1/secrets");
        audit.Denied(peer, "/v1/secrets");

        audit.Dispose();

        var repeated = Assert.Single(_logs.Entries, e => e.EventId.Id == 4013);
        Assert.Contains("1 more times", repeated.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _logs.Dispose();
}
