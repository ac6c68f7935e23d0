using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class ClockSkewTests
{
    [Theory]
    [InlineData(-14, 200)]
    [InlineData(14, 200)]
    [InlineData(-16, 400)]
    [InlineData(16, 400)]
    public async Task A_signature_more_than_15_minutes_off_is_rejected(int minutesOff, int expectedStatus)
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/db", "value");
        var session = cloud.Sessions.Issue("sts", "system:serviceaccount:apps:broker", TimeSpan.FromHours(2));

        var (status, body) = await SecretsManagerCaller.CallAsync(cloud, SecretsManagerCaller.Credentials(session), "GetSecretValue",
            new { SecretId = "prod/db" }, DateTime.UtcNow.AddMinutes(minutesOff));

        Assert.Equal(expectedStatus, status);
        if (expectedStatus == 400)
        {
            Assert.Equal("InvalidSignatureException", body.GetProperty("__type").GetString());
            Assert.StartsWith("Signature expired", body.GetProperty("Message").GetString(), StringComparison.Ordinal);
        }
    }
}
