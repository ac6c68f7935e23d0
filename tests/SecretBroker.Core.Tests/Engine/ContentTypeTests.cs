using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class ContentTypeTests
{
    [Fact]
    public async Task The_backend_content_type_is_carried_on_the_published_entry_and_follows_a_new_version()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("json", """{"token":"x"}""", "v1", contentType: "application/json");
        backend.Set("plain", "x", "v1");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("json", TimeSpan.FromMinutes(5)), Secret("plain", TimeSpan.FromMinutes(5))]);

        await engine.LoadAsync(CancellationToken.None);

        Assert.Equal("application/json", engine.Current.Secrets["json"].ContentType);
        Assert.Null(engine.Current.Secrets["plain"].ContentType);

        backend.Set("json", "x", "v2", contentType: "text/plain");
        await engine.RefreshAsync("json", CancellationToken.None).Bounded();
        Assert.Equal("text/plain", engine.Current.Secrets["json"].ContentType);
    }

    [Fact]
    public async Task A_new_content_type_on_the_same_version_is_published_without_counting_as_a_change()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("json", "{}", "v1", contentType: "text/plain");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("json", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);
        backend.Set("json", "{}", "v1", contentType: "application/json");

        SecretRefreshOutcome outcome = await engine.RefreshAsync("json", CancellationToken.None).Bounded();

        Assert.False(outcome.Changed);
        Assert.Equal(2, engine.Current.Number);
        Assert.Empty(engine.Current.Changed);
        Assert.Equal("application/json", engine.Current.Secrets["json"].ContentType);
    }

    [Fact]
    public async Task A_stale_entry_keeps_its_content_type()
    {
        var clock = new TestClock();
        var backend = new FakeSecretBackend(clock);
        backend.Set("json", "{}", "v1", contentType: "application/json");
        await using SecretRefreshEngine engine = Create(clock, backend, [Secret("json", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);
        backend.FailNext("json", Transient());

        await engine.RefreshAsync("json", CancellationToken.None).Bounded();

        Assert.True(engine.Current.Secrets["json"].Stale);
        Assert.Equal("application/json", engine.Current.Secrets["json"].ContentType);
    }

    [Fact]
    public void An_empty_content_type_is_no_content_type()
    {
        Assert.Null(SecretFetchResult.Success("a", new byte[] { 1 }, "v1", contentType: "").ContentType);
        Assert.Null(new SecretEntry("a", new byte[] { 1 }, "v1", default, default, stale: false, contentType: "").ContentType);
        Assert.Null(SecretFetchResult.Success("a", new byte[] { 1 }, "v1").ContentType);
    }
}
