using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

/// <summary>
/// Definitions reading one backend id (and version selector) are one read: fetched in one call, so their fields carry
/// one version, published in one generation, leased and renewed once — even on a backend that fetches one secret a
/// call and rotates the secret between any two calls.
/// </summary>
public class ReadGroupTests
{
    private static readonly SecretBackendCapabilities OneACall = new(MaxBatchSize: 1);
    private static readonly SecretBackendCapabilities OneACallProbing = new(MaxBatchSize: 1, SupportsProbe: true);
    private static readonly SecretBackendCapabilities Leasing = new(MaxBatchSize: 1, SupportsLeaseRenewal: true);
    private static readonly SecretLease Lease = new("lease-1", TimeSpan.FromSeconds(90), Renewable: true);

    private static SecretDefinition Field(string name, string key, TimeSpan refresh) => new(name, Backend, "db", refresh) { Key = key };

    /// <summary>Holds "db" at v1 and moves it to the next version after every fetch call.</summary>
    private static FakeSecretBackend RotatingBackend(TestClock clock, SecretBackendCapabilities capabilities, SecretLease? lease = null)
    {
        var backend = new FakeSecretBackend(clock, capabilities);
        int version = 1;
        backend.Set("db", "credentials-1", "v1", lease);
        backend.AfterFetch = () =>
        {
            version++;
            backend.Set("db", $"credentials-{version}", $"v{version}", lease);
        };
        return backend;
    }

    [Fact]
    public async Task Two_fields_of_one_secret_load_from_one_call_at_one_version_in_one_generation()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, OneACall);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromMinutes(5)), Field("db-pass", "password", TimeSpan.FromMinutes(5))]);

        await engine.LoadAsync(CancellationToken.None);

        BackendCall fetch = Assert.Single(backend.CallsOf("fetch"));
        Assert.Equal(["db", "db"], fetch.Ids);
        SecretGeneration generation = engine.Current;
        Assert.Equal(1, generation.Number);
        Assert.Equal("v1", generation.Secrets["db-user"].Version);
        Assert.Equal("v1", generation.Secrets["db-pass"].Version);
    }

    [Fact]
    public async Task A_scheduled_refresh_fetches_both_fields_in_one_call_and_publishes_them_together()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, OneACall);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromMinutes(5)), Field("db-pass", "password", TimeSpan.FromMinutes(5))]);
        await engine.StartAsync(CancellationToken.None);
        int fetchesAtStart = backend.Count("fetch");

        await clock.AdvanceToNextTimerAsync();
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Equal(fetchesAtStart + 1, backend.Count("fetch"));
        Assert.Equal(2, generation.Number);
        Assert.Equal(generation.Secrets["db-user"].Version, generation.Secrets["db-pass"].Version);
        Assert.Equal(["db-pass", "db-user"], generation.Changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Fields_with_different_refresh_intervals_refresh_together_at_the_shortest()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, OneACall);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromMinutes(1)), Field("db-pass", "password", TimeSpan.FromHours(1))]);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset started = clock.GetUtcNow();

        DateTimeOffset due = await clock.AdvanceToNextTimerAsync();
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.True(due - started < TimeSpan.FromMinutes(2), $"the group was due after {due - started}, not at the 1 m member's interval");
        Assert.Equal(["db", "db"], backend.CallsOf("fetch")[^1].Ids);
        Assert.Equal("v2", generation.Secrets["db-user"].Version);
        Assert.Equal("v2", generation.Secrets["db-pass"].Version);
    }

    [Fact]
    public async Task An_on_demand_refresh_of_one_field_refreshes_its_whole_read()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, OneACall);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromMinutes(5)), Field("db-pass", "password", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);

        SecretRefreshOutcome outcome = await engine.RefreshAsync("db-user", CancellationToken.None).Bounded();

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, backend.Count("fetch"));
        Assert.Equal(2, engine.Current.Number);
        Assert.Equal("v2", engine.Current.Secrets["db-user"].Version);
        Assert.Equal("v2", engine.Current.Secrets["db-pass"].Version);
    }

    [Fact]
    public async Task A_moved_version_found_by_a_probe_is_fetched_for_the_whole_read_in_one_call()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, OneACallProbing);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromMinutes(5)), Field("db-pass", "password", TimeSpan.FromMinutes(5))]);
        await engine.LoadAsync(CancellationToken.None);

        await engine.RefreshAsync("db-pass", CancellationToken.None).Bounded();

        // The probe carried the group in one call; the moved version was then fetched once, for both fields.
        Assert.Equal(["db", "db"], Assert.Single(backend.CallsOf("probe")).Ids);
        Assert.Equal(["db", "db"], backend.CallsOf("fetch")[^1].Ids);
        Assert.Equal(2, backend.Count("fetch"));
        Assert.Equal("v2", engine.Current.Secrets["db-user"].Version);
        Assert.Equal("v2", engine.Current.Secrets["db-pass"].Version);
    }

    [Fact]
    public async Task The_lease_of_a_read_is_renewed_once_per_cycle_for_all_its_fields()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, Leasing, Lease);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromHours(1)), Field("db-pass", "password", TimeSpan.FromHours(1))]);
        await engine.StartAsync(CancellationToken.None);

        await clock.AdvanceToNextTimerAsync();
        await backend.WaitForCallsAsync("renew", 1);
        await clock.WaitForPendingTimerAsync();

        Assert.Single(backend.CallsOf("renew"));
        Assert.Single(backend.CallsOf("fetch"));
    }

    [Fact]
    public async Task A_lease_that_cannot_be_renewed_refetches_every_field_of_the_read_together()
    {
        var clock = new TestClock();
        FakeSecretBackend backend = RotatingBackend(clock, Leasing, Lease);
        await using SecretRefreshEngine engine = Create(clock, backend, [Field("db-user", "username", TimeSpan.FromHours(1)), Field("db-pass", "password", TimeSpan.FromHours(1))]);
        await engine.StartAsync(CancellationToken.None);
        backend.Renew = _ => throw Permanent("lease expired");

        await clock.AdvanceToNextTimerAsync();
        SecretGeneration generation = await engine.WaitForGenerationAsync(1, CancellationToken.None).Bounded();

        Assert.Single(backend.CallsOf("renew"));
        Assert.Equal(["db", "db"], backend.CallsOf("fetch")[^1].Ids);
        Assert.Equal(2, backend.Count("fetch"));
        Assert.Equal("v2", generation.Secrets["db-user"].Version);
        Assert.Equal("v2", generation.Secrets["db-pass"].Version);
    }
}
