using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>Versions: the engine reports a change only when the version moves, so it must move with the value and only then.</summary>
public abstract partial class SecretBackendConformanceTests
{
    [Fact]
    public async Task The_version_stays_while_the_value_stays_and_changes_when_the_value_changes()
    {
        await PutSecretAsync("rotating", "one");

        SecretFetchResult first = Assert.Single(await FetchAsync(Definition("rotating", "rotating")));
        SecretFetchResult unchanged = Assert.Single(await FetchAsync(Definition("rotating", "rotating")));
        await PutSecretAsync("rotating", "two");
        SecretFetchResult rotated = Assert.Single(await FetchAsync(Definition("rotating", "rotating")));
        SecretFetchResult settled = Assert.Single(await FetchAsync(Definition("rotating", "rotating")));

        Assert.Equal("one", Text(first));
        Assert.False(string.IsNullOrEmpty(first.Version));
        Assert.Equal(first.Version, unchanged.Version);
        Assert.Equal("two", Text(rotated));
        Assert.NotEqual(first.Version, rotated.Version);
        Assert.Equal(rotated.Version, settled.Version);
    }

    [Fact]
    public async Task A_version_never_gives_the_value_away()
    {
        await PutSecretAsync("token", Canary);

        SecretFetchResult result = Assert.Single(await FetchAsync(Definition("token", "token")));

        Assert.Equal(Canary, Text(result));
        Assert.DoesNotContain(Canary, result.Version, StringComparison.Ordinal);
    }
}
