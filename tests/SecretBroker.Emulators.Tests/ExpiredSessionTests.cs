using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class ExpiredSessionTests
{
    [Fact]
    public async Task Credentials_used_after_the_session_expired_are_rejected_as_ExpiredTokenException()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/db", "value");
        var session = cloud.Sessions.Issue("sts", "system:serviceaccount:apps:broker", TimeSpan.FromMinutes(15));
        var credentials = SecretsManagerCaller.Credentials(session);

        var (before, _) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" }, clock.GetUtcNow().UtcDateTime);
        clock.Advance(TimeSpan.FromMinutes(16));
        var (after, body) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" }, clock.GetUtcNow().UtcDateTime);

        Assert.Equal(200, before);
        Assert.Equal(400, after);
        Assert.Equal("ExpiredTokenException", body.GetProperty("__type").GetString());
    }
}
