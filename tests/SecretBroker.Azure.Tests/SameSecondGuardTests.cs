using System.Net.Http.Headers;

using SecretBroker.Azure.Tests.Fakes;

namespace SecretBroker.Azure.Tests;

/// <summary>
/// List mode trusts an unchanged <c>updated</c> only when the read was answered at least a second later: a version
/// written in the same second as the read could be followed by another with the same <c>updated</c>.
/// </summary>
public sealed class SameSecondGuardTests : IAsyncLifetime
{
    private AzureTestCloud? _cloud;

    private AzureTestCloud Cloud => _cloud!;

    public async Task InitializeAsync() => _cloud = await AzureTestCloud.StartAsync();

    public async Task DisposeAsync() => await Cloud.DisposeAsync();

    [Fact]
    public async Task A_read_answered_in_the_second_of_its_updated_time_is_read_again_next_cycle()
    {
        Cloud.Vault.Set("hf-token", "one");
        using RecordingHandler handler = Cloud.Handler();
        bool sameSecond = true;
        handler.Rewrite = (request, response) =>
        {
            // The vault answers in the very second it wrote the version (its clock is the test's).
            response.Headers.Date = sameSecond ? Cloud.Clock.GetUtcNow() : DateTimeOffset.UtcNow;
            return response;
        };
        await using AzureKeyVaultBackend backend = Cloud.Backend(handler, AzureRefreshMode.List);
        SecretDefinition secret = Definitions.Secret("hf-token");
        string first = (await backend.FetchAsync([secret], CancellationToken.None))[0].Version!;

        // Same second: another write now would keep `updated`; the probe must not trust the listing.
        string? unsettled = (await backend.ProbeAsync([secret], CancellationToken.None))[0].Version;
        int getsAfterUnsettled = handler.Count(static r => r.IsSecretGet && r.Status == 200);
        sameSecond = false;
        Cloud.Vault.Set("hf-token", "two"); // same `updated` second as "one"
        string? reread = (await backend.ProbeAsync([secret], CancellationToken.None))[0].Version;
        string? settled = (await backend.ProbeAsync([secret], CancellationToken.None))[0].Version;
        int gets = handler.Count(static r => r.IsSecretGet && r.Status == 200);

        Assert.Equal(first, unsettled);          // read again by GET (same version then)
        Assert.Equal(2, getsAfterUnsettled);
        Assert.NotEqual(first, reread);          // the GET found "two" although `updated` did not move
        Assert.Equal(reread, settled);           // now settled: the listing alone confirms it
        Assert.Equal(3, gets);
    }
}
