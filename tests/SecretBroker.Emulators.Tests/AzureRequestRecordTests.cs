using Azure;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// What end-to-end tests read back from the Azure emulators: each Entra token request with the <c>jti</c> of the
/// assertion presented and the access token issued (or the AADSTS refusal), and every vault request in order with its
/// time on the cloud's clock, so a client's rate can be measured in any window.
/// </summary>
public sealed class AzureRequestRecordTests
{
    [Fact]
    public async Task Each_token_request_is_recorded_with_the_assertion_jti_and_the_access_token_issued()
    {
        await using var test = await TestCloud.StartAsync();
        using var azure = new AzureClients(test.Cloud);
        var first = test.Cloud.Azure.Token.CurrentId;

        var token = await azure.VaultTokenAsync();

        var request = Assert.Single(test.Cloud.Azure.TokenRequests.All());
        Assert.Equal(first, request.AssertionId);
        Assert.Equal(test.Cloud.Options.Entra.ClientId, request.ClientId);
        Assert.Equal(test.Cloud.Options.AzureToken.Subject, request.AssertionSubject);
        Assert.Equal("ok", request.Outcome);
        Assert.Equal(token.Token, request.AccessToken);
        Assert.Single(test.Cloud.Azure.TokenRequests.Issued());
    }

    [Fact]
    public async Task A_refused_token_request_is_recorded_with_its_AADSTS_code_and_no_token()
    {
        await using var test = await TestCloud.StartAsync();
        using var azure = new AzureClients(test.Cloud, clientId: "00000000-0000-0000-0000-000000000000");

        await Assert.ThrowsAnyAsync<Exception>(azure.VaultTokenAsync);

        var request = Assert.Single(test.Cloud.Azure.TokenRequests.All());
        Assert.Equal("AADSTS700016", request.Outcome);
        Assert.Null(request.AccessToken);
        Assert.Equal(test.Cloud.Azure.Token.CurrentId, request.AssertionId);
        Assert.Empty(test.Cloud.Azure.TokenRequests.Issued());
    }

    [Fact]
    public async Task Vault_requests_are_logged_in_order_with_the_cloud_clock_time_and_outcome()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        test.Cloud.Azure.Vault.Set("hf-token", "hf_value");
        using var azure = new AzureClients(test.Cloud);
        var start = clock.GetUtcNow();

        await azure.Secrets.GetSecretAsync("hf-token");
        clock.Advance(TimeSpan.FromSeconds(3));
        await azure.Secrets.GetSecretAsync("hf-token");
        await Assert.ThrowsAsync<RequestFailedException>(() => azure.Secrets.GetSecretAsync("no-such-secret"));

        var log = test.Cloud.Counters.Log("keyvault.");
        Assert.Equal(["Unauthorized", "ok", "ok", "SecretNotFound"], log.Select(r => r.Outcome));
        Assert.All(log, r => Assert.Equal("keyvault.GetSecret", r.Operation));
        Assert.Equal([start, start, start.AddSeconds(3), start.AddSeconds(3)], log.Select(r => r.At));
        Assert.Contains(test.Cloud.Counters.Log(), r => r.Operation == "entra.EntraToken");
        Assert.DoesNotContain(test.Cloud.Counters.Log("keyvault."), r => r.Operation.StartsWith("entra.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resetting_the_counters_empties_the_log()
    {
        await using var test = await TestCloud.StartAsync();
        test.Cloud.Counters.Record("keyvault.GetSecret", "ok");

        test.Cloud.Counters.Reset();

        Assert.Empty(test.Cloud.Counters.Log());
    }
}
