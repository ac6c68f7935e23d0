using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class FaultLatencyTests
{
    [Fact]
    public async Task Injected_latency_holds_the_response_until_the_clock_has_moved_that_far()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/db", "value");
        cloud.Faults.Set("GetSecretValue", new Fault { Latency = TimeSpan.FromSeconds(10) });
        var credentials = SecretsManagerCaller.Credentials(cloud.Sessions.Issue("sts", "sub", TimeSpan.FromHours(1)));
        var start = clock.GetUtcNow();

        var call = SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" }, start.UtcDateTime);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!call.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the delayed request never completed");
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(20));
        }

        var (status, _) = await call;
        Assert.Equal(200, status);
        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(10), $"completed after only {clock.GetUtcNow() - start} of fake time");
    }
}
