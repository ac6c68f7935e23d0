using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>Failures: classified (not found is permanent), and never carrying a value.</summary>
public abstract partial class SecretBackendConformanceTests
{
    [Fact]
    public async Task A_secret_that_does_not_exist_is_a_permanent_error_naming_its_id()
    {
        await PutSecretAsync("present", "here");

        IReadOnlyList<SecretFetchResult> results = await FetchAsync(Definition("present", "present"), Definition("absent", "absent"));
        SecretBackendException alone = await FailureOfAsync(Definition("absent", "absent"));

        Assert.Equal("here", Text(results.Single(static r => r.Name == "present")));
        SecretFetchResult absent = results.Single(static r => r.Name == "absent");
        Assert.False(absent.Succeeded);
        Assert.Equal(SecretErrorKind.Permanent, absent.Error.Kind);
        Assert.Contains("'absent'", absent.Error.Message, StringComparison.Ordinal);
        Assert.Equal(SecretErrorKind.Permanent, alone.Kind);
        Assert.Contains("'absent'", alone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_read_names_no_value_even_with_the_value_in_reach()
    {
        await PutSecretAsync("token", Canary);
        Assert.Equal(Canary, Text(Assert.Single(await FetchAsync(Definition("token", "token")))));

        await BreakSecretAsync("token");
        SecretBackendException alone = await FailureOfAsync(Definition("token", "token"));
        SecretBackendException keyed = await FailureOfAsync(Definition("token-field", "token", key: "field"));

        Assert.DoesNotContain(Canary, Describe(alone), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, Describe(keyed), StringComparison.Ordinal);
        Assert.Contains("'token'", alone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_read_in_a_batch_fails_its_own_secret_and_names_no_value()
    {
        await PutSecretAsync("good", "fine");
        await PutSecretAsync("bad", Canary);
        await BreakSecretAsync("bad");

        string shown;
        try
        {
            IReadOnlyList<SecretFetchResult> results = await FetchAsync(Definition("good", "good"), Definition("bad", "bad"));
            Assert.False(results.Single(static r => r.Name == "bad").Succeeded);
            shown = string.Concat(results.Select(static r => Describe(r.Error)));
        }
        catch (SecretBackendException whole)
        {
            // A backend whose one call carried both may fail it as a whole; it still must not quote the value.
            shown = Describe(whole);
        }

        Assert.NotEmpty(shown);
        Assert.DoesNotContain(Canary, shown, StringComparison.Ordinal);
    }
}
