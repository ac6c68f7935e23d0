using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>
/// Version probes (only where <see cref="SecretBackendCapabilities.SupportsProbe"/>): the engine fetches only what a
/// probe found moved, so a probe must report the version a fetch would return, and read each group once.
/// </summary>
public abstract partial class SecretBackendConformanceTests
{
    [Fact]
    public async Task A_probe_reports_the_version_a_fetch_returns_and_follows_the_value()
    {
        if (!Backend.Capabilities.SupportsProbe)
        {
            NotChecked("version probes", "Capabilities.SupportsProbe is false: the engine never probes this backend, it fetches");
            return;
        }

        await PutSecretAsync("rotating", "one");
        SecretDefinition definition = Definition("rotating", "rotating");

        string? fetched = Assert.Single(await FetchAsync(definition)).Version;
        SecretVersionProbe probed = await ProbeOneAsync(definition);
        SecretVersionProbe again = await ProbeOneAsync(definition);
        await PutSecretAsync("rotating", "two");
        SecretVersionProbe moved = await ProbeOneAsync(definition);
        string? refetched = Assert.Single(await FetchAsync(definition)).Version;

        Assert.Equal(fetched, probed.Version);
        Assert.Equal(fetched, again.Version);
        Assert.NotEqual(fetched, moved.Version);
        Assert.Equal(refetched, moved.Version);
    }

    [Fact]
    public async Task A_probe_of_a_read_group_costs_one_call_and_a_missing_secret_probes_as_unknown()
    {
        if (!Backend.Capabilities.SupportsProbe)
        {
            NotChecked("version probes", "Capabilities.SupportsProbe is false: the engine never probes this backend, it fetches");
            return;
        }

        await PutSecretAsync("db", """{"username":"app","password":"pw"}""");
        long? before = CallsSoFar;

        IReadOnlyList<SecretVersionProbe> group = await Backend.ProbeAsync(
            [Definition("db-username", "db", key: "username"), Definition("db-password", "db", key: "password")], CancellationToken.None);
        AssertOneCallSince(before);
        IReadOnlyList<SecretVersionProbe> absent = await Backend.ProbeAsync([Definition("absent", "absent")], CancellationToken.None);

        Assert.Equal(2, group.Count);
        Assert.Single(group.Select(static p => p.Version).Distinct());
        Assert.NotNull(group[0].Version);
        Assert.All(absent, static p => Assert.Null(p.Version)); // "unknown: fetch it", and the fetch reports not found
    }

    private async Task<SecretVersionProbe> ProbeOneAsync(SecretDefinition definition) =>
        Assert.Single(await Backend.ProbeAsync([definition], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
}
