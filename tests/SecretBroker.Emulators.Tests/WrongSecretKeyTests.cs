using Amazon.Runtime;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class WrongSecretKeyTests
{
    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_key_is_rejected_as_InvalidSignatureException()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/db", "value");
        var session = cloud.Sessions.Issue("sts", "system:serviceaccount:apps:broker", TimeSpan.FromHours(1));
        var wrong = new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey + "x", session.SessionToken);

        var (status, body) = await SecretsManagerCaller.CallAsync(cloud, wrong, "GetSecretValue", new { SecretId = "prod/db" });

        Assert.Equal(400, status);
        Assert.Equal("InvalidSignatureException", body.GetProperty("__type").GetString());
        Assert.Equal(0, cloud.Counters.SignaturesVerified);
        Assert.Equal(1, cloud.Counters.Count("secretsmanager.GetSecretValue", "InvalidSignatureException"));
    }

    [Fact]
    public async Task A_session_token_that_is_not_the_sessions_own_is_rejected()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        var session = cloud.Sessions.Issue("sts", "system:serviceaccount:apps:broker", TimeSpan.FromHours(1));
        var other = cloud.Sessions.Issue("sts", "system:serviceaccount:apps:other", TimeSpan.FromHours(1));
        var mixed = new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, other.SessionToken);

        var (status, body) = await SecretsManagerCaller.CallAsync(cloud, mixed, "GetSecretValue", new { SecretId = "prod/db" });

        Assert.Equal(400, status);
        Assert.Equal("UnrecognizedClientException", body.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task An_access_key_no_emulator_issued_is_InvalidClientTokenId()
    {
        await using var test = await TestCloud.StartAsync();
        var stranger = new SessionAWSCredentials("ASIAUNKNOWN000000000", "secret", "token");

        var (status, body) = await SecretsManagerCaller.CallAsync(test.Cloud, stranger, "DescribeSecret", new { SecretId = "prod/db" });

        Assert.Equal(403, status);
        Assert.Equal("InvalidClientTokenId", body.GetProperty("__type").GetString());
    }
}
