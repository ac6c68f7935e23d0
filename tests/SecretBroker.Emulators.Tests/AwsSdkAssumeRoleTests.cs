using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// AWSSDK.SecurityToken's AssumeRole (role chaining) against the STS emulator, signed with an IRSA session it issued:
/// SigV4 verified, trust checked, 1-hour chaining cap, policy and session tags recorded, one counter per call.
/// </summary>
public sealed class AwsSdkAssumeRoleTests
{
    private const string WeightsRole = "arn:aws:iam::111122223333:role/weights-reader";

    private static async Task<(TestCloud Test, AmazonSecurityTokenServiceClient Chained)> StartAsync()
    {
        var test = await TestCloud.StartAsync(options => options.Sts.AssumeRoleTrust[WeightsRole] = ["arn:aws:iam::111122223333:role/broker"]);
        var cloud = test.Cloud;
        using var anonymous = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(cloud));
        var irsa = await anonymous.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = cloud.Options.RoleArn,
            RoleSessionName = "broker",
            WebIdentityToken = await File.ReadAllTextAsync(cloud.IrsaToken.Path),
        });
        var credentials = new SessionAWSCredentials(irsa.Credentials.AccessKeyId, irsa.Credentials.SecretAccessKey, irsa.Credentials.SessionToken);
        return (test, new AmazonSecurityTokenServiceClient(credentials, Config(cloud)));
    }

    private static AmazonSecurityTokenServiceConfig Config(LocalCloud cloud) => new()
    {
        ServiceURL = cloud.StsUrl.ToString(),
        AuthenticationRegion = cloud.Options.Region,
    };

    [Fact]
    public async Task A_signed_assume_role_chains_into_the_trusted_role_with_policy_and_tags()
    {
        var (test, sts) = await StartAsync();
        await using var _ = test;
        using var __ = sts;
        var cloud = test.Cloud;
        cloud.Secrets.PutString("models/keys", "weights");

        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = WeightsRole,
            RoleSessionName = "secretbroker-weights",
            DurationSeconds = 3600,
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            Tags = [new Tag { Key = "kubernetes-namespace", Value = "ml" }, new Tag { Key = "kubernetes-pod-name", Value = "vllm-0" }],
        });

        Assert.StartsWith("ASIA", response.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/weights-reader/secretbroker-weights", response.AssumedRoleUser.Arn);
        var session = cloud.Sessions.Find(response.Credentials.AccessKeyId);
        Assert.NotNull(session);
        Assert.Equal(WeightsRole, session.RoleArn);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/broker/broker", session.Subject);
        Assert.Contains("s3:GetObject", session.Policy, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes-namespace"] = "ml", ["kubernetes-pod-name"] = "vllm-0" }, session.Tags);
        Assert.Equal(1, cloud.Counters.Count("sts.AssumeRole", "ok"));

        // The chained credentials are credentials like any other: Secrets Manager accepts them.
        var chained = new SessionAWSCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
        var (status, _) = await SecretsManagerCaller.CallAsync(cloud, chained, "GetSecretValue", new { SecretId = "models/keys" });
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_chained_session_is_capped_at_one_hour()
    {
        var (test, sts) = await StartAsync();
        await using var _ = test;
        using var __ = sts;

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = WeightsRole,
            RoleSessionName = "too-long",
            DurationSeconds = 3601,
        }));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("1 hour session limit for roles assumed by role chaining", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, test.Cloud.Counters.Count("sts.AssumeRole", "ValidationError"));
    }

    [Fact]
    public async Task A_role_that_does_not_trust_the_caller_is_access_denied()
    {
        var (test, sts) = await StartAsync();
        await using var _ = test;
        using var __ = sts;

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::111122223333:role/other",
            RoleSessionName = "nope",
        }));

        Assert.Equal("AccessDenied", error.ErrorCode);
    }

    [Fact]
    public async Task An_unsigned_or_wrongly_signed_assume_role_is_refused()
    {
        await using var test = await StartAsync().ContinueWith(t => { t.Result.Chained.Dispose(); return t.Result.Test; }, TaskScheduler.Default);
        using var anonymous = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(test.Cloud));
        using var forged = new AmazonSecurityTokenServiceClient(new SessionAWSCredentials("ASIAFORGED0000000000", "wrong", "token"), Config(test.Cloud));
        var request = new AssumeRoleRequest { RoleArn = WeightsRole, RoleSessionName = "unsigned" };

        var unsigned = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => anonymous.AssumeRoleAsync(request));
        var wrong = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => forged.AssumeRoleAsync(request));

        // STS (Query protocol) calls it MissingAuthenticationToken, 403; the JSON services add "Exception".
        Assert.Equal("MissingAuthenticationToken", unsigned.ErrorCode);
        Assert.NotEqual("ok", wrong.ErrorCode);
        Assert.Equal(0, test.Cloud.Counters.Count("sts.AssumeRole", "ok"));
    }
}
