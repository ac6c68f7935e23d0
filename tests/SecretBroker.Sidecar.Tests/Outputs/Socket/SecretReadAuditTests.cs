using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public sealed class SecretReadAuditTests : IDisposable
{
    private static readonly PeerCredentials App = new(42, 1000, 1000);
    private static readonly PeerCredentials Other = new(43, 1000, 1000);

    private readonly FakeTimeProvider _clock = new();
    private readonly CollectingLoggerProvider _logs = new();
    private readonly SecretReadAudit _audit;

    public SecretReadAuditTests()
    {
        _audit = new SecretReadAudit(_clock, _logs.CreateLogger("audit"));
    }

    [Fact]
    public void The_first_read_is_logged_at_once_with_the_peer_name_and_version()
    {
        _audit.Read(App, "hf-token", "v1");

        (EventId id, _, string message) = Assert.Single(_logs.Entries);
        Assert.Equal(4010, id.Id);
        Assert.Equal("Secret hf-token version v1 read by uid 1000 gid 1000 pid 42", message);
    }

    [Fact]
    public void Beyond_the_tracked_keys_every_read_is_still_logged_and_memory_stays_bounded()
    {
        // Many short-lived readers (a new pid per read) fill the table; reads past it are not folded but never dropped.
        for (int pid = 0; pid < SecretReadAudit.MaxTrackedKeys; pid++)
        {
            _audit.Read(new PeerCredentials(pid, 1000, 1000), "hf-token", "v1");
        }

        PeerCredentials late = new(SecretReadAudit.MaxTrackedKeys + 1, 1000, 1000);
        _audit.Read(late, "hf-token", "v1");
        _audit.Read(late, "hf-token", "v1");

        Assert.Equal(SecretReadAudit.MaxTrackedKeys + 2, _logs.Entries.Count(e => e.EventId.Id == 4010));
    }

    [Fact]
    public void Repeated_reads_within_the_window_fold_into_one_line_with_a_count()
    {
        for (int i = 0; i < 100; i++)
        {
            _audit.Read(App, "hf-token", "v1");
        }

        Assert.Single(_logs.Entries);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([4010, 4011], _logs.Entries.Select(e => e.EventId.Id));
        Assert.Contains("read 99 more times by uid 1000 gid 1000 pid 42", _logs.Entries.Last().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_another_process_or_another_secret_is_its_own_first_read()
    {
        _audit.Read(App, "hf-token", "v1");
        _audit.Read(App, "hf-token", "v2");
        _audit.Read(Other, "hf-token", "v1");
        _audit.Read(App, "model-key", "v1");

        Assert.Equal(4, _logs.Entries.Count(e => e.EventId.Id == 4010));
    }

    [Fact]
    public void A_key_idle_for_a_whole_window_is_logged_at_once_again()
    {
        _audit.Read(App, "hf-token", "v1");
        _clock.Advance(TimeSpan.FromSeconds(10));
        _audit.Read(App, "hf-token", "v1");

        Assert.Equal([4010, 4010], _logs.Entries.Select(e => e.EventId.Id));
    }

    [Fact]
    public void Pending_counts_are_flushed_on_dispose_so_nothing_is_dropped()
    {
        _audit.Read(App, "hf-token", "v1");
        _audit.Read(App, "hf-token", "v1");
        _audit.Read(App, "hf-token", "v1");

        _audit.Dispose();

        Assert.Equal([4010, 4011], _logs.Entries.Select(e => e.EventId.Id));
        Assert.Contains("read 2 more times", _logs.Entries.Last().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_value_ever_reaches_the_audit_line()
    {
        _audit.Read(App, "hf-token", "v1");
        _audit.Read(App, "hf-token", "v1");
        _audit.Dispose();

        Assert.All(_logs.Entries, e => Assert.DoesNotContain("hf_", e.Message, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _audit.Dispose();
        _logs.Dispose();
    }
}
