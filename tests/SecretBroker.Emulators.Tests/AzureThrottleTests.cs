using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// The vault's limit of transactions per 10 s (set low here) answers 429 + <c>Retry-After</c> with Key Vault's
/// <c>Throttled</c> error, which the official .NET SDK surfaces; refused requests do not count, and the window slides
/// on the cloud's clock.
/// </summary>
public sealed class AzureThrottleTests
{
    [Fact]
    public async Task Past_the_limit_the_sdk_sees_429_with_retry_after_and_the_window_frees_up_on_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.KeyVault.TransactionLimit = 3;
        });
        test.Cloud.Azure.Vault.Set("hf-token", "v1");
        using var azure = new AzureClients(test.Cloud);

        for (var i = 0; i < 3; i++)
        {
            await azure.Secrets.GetSecretAsync("hf-token");
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        var throttled = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("hf-token"));
        var again = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("hf-token"));
        clock.Advance(TimeSpan.FromSeconds(4));
        var after = await azure.Secrets.GetSecretAsync("hf-token");

        Assert.Equal(429, throttled.Status);
        Assert.Equal("Throttled", throttled.ErrorCode);
        // The first read was at t=0, now is t=6: it leaves the 10 s window in 4 s.
        Assert.True(throttled.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal("4", retryAfter);
        Assert.Equal(429, again.Status);
        Assert.Equal("v1", after.Value.Value);
        Assert.Equal(2, test.Cloud.Counters.Count("keyvault.GetSecret", "Throttled"));
        Assert.Equal(3, test.Cloud.Azure.Throttle.PeakInWindow);
    }
}
