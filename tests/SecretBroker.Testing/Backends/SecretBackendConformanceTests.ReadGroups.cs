using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>
/// Read groups (see <see cref="ISecretBackend"/>'s remarks): definitions of one id and version selector are served from
/// one read, so their fields carry one version and cost one call.
/// </summary>
public abstract partial class SecretBackendConformanceTests
{
    [Fact]
    public async Task Two_definitions_of_one_id_cost_one_call()
    {
        await PutSecretAsync("db", """{"username":"app","password":"pw"}""");
        long? before = CallsSoFar;

        IReadOnlyList<SecretFetchResult> results = await FetchAsync(Definition("db-username", "db", key: "username"), Definition("db-password", "db", key: "password"));

        Assert.Equal("app", Text(results.Single(static r => r.Name == "db-username")));
        Assert.Equal("pw", Text(results.Single(static r => r.Name == "db-password")));
        AssertOneCallSince(before);
    }

    [Fact]
    public async Task Two_definitions_of_one_id_and_version_selector_cost_one_call()
    {
        if (VersionSelector is null)
        {
            // Still a group: the same id twice without a selector, which every backend must serve from one read.
            NotChecked("a version selector", "the backend has no version selector; the group is the id alone");
        }

        await PutSecretAsync("db", """{"username":"app","password":"pw"}""");
        long? before = CallsSoFar;

        IReadOnlyList<SecretFetchResult> results = await FetchAsync(
            Definition("db-username", "db", key: "username", version: VersionSelector),
            Definition("db-password", "db", key: "password", version: VersionSelector));

        Assert.Equal("app", Text(results.Single(static r => r.Name == "db-username")));
        Assert.Equal("pw", Text(results.Single(static r => r.Name == "db-password")));
        AssertOneCallSince(before);
    }

    [Fact]
    public async Task Two_definitions_of_one_id_see_the_same_read_of_a_value_that_changes_on_every_read()
    {
        await PutSecretAsync("stable", "s");
        bool changing = await PutValueChangingOnEveryReadAsync("moving");
        if (!changing)
        {
            NotChecked("one read observed through a value that changes on every read", ChangingValueUnavailable);
        }

        long? before = CallsSoFar;
        IReadOnlyList<SecretFetchResult> results = await FetchAsync(Definition("first", changing ? "moving" : "stable"), Definition("second", changing ? "moving" : "stable"));

        SecretFetchResult first = results.Single(static r => r.Name == "first");
        SecretFetchResult second = results.Single(static r => r.Name == "second");
        Assert.Equal(Text(first), Text(second));
        Assert.Equal(first.Version, second.Version);
        AssertOneCallSince(before);
        if (changing)
        {
            // The value really does change between reads: a second fetch sees another one.
            SecretFetchResult again = Assert.Single(await FetchAsync(Definition("first", "moving")));
            Assert.NotEqual(Text(first), Text(again));
        }
    }

    private void AssertOneCallSince(long? before)
    {
        if (before is { } calls && CallsSoFar is { } now)
        {
            Assert.Equal(calls + 1, now);
        }
        else
        {
            NotChecked("the number of calls", CallsUnavailable);
        }
    }
}
