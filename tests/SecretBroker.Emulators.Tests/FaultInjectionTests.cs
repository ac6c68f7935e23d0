using System.Net.Http.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData("5xx", 500, "InternalServiceError")]
    [InlineData("throttling", 400, "ThrottlingException")]
    [InlineData("503", 503, "ServiceUnavailable")]
    public async Task An_armed_fault_answers_N_requests_then_service_resumes(string kind, int status, string code)
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/db", "value");
        using var admin = new HttpClient { BaseAddress = cloud.AdminUrl };
        using var armed = await admin.PutAsJsonAsync("v1/faults/GetSecretValue", new { kind, count = 2 });
        var credentials = SecretsManagerCaller.Credentials(cloud.Sessions.Issue("sts", "sub", TimeSpan.FromHours(1)));

        var first = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" });
        var second = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" });
        var third = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" });

        Assert.True(armed.IsSuccessStatusCode);
        Assert.Equal(status, first.Status);
        Assert.Equal(code, first.Body.GetProperty("__type").GetString());
        Assert.Equal(status, second.Status);
        Assert.Equal(200, third.Status);
        Assert.Equal(2, cloud.Counters.Count("secretsmanager.GetSecretValue", "fault:" + code));
        Assert.Equal(1, cloud.Counters.Count("secretsmanager.GetSecretValue", "ok"));
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_client_at_the_transport()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.Faults.Set("DescribeSecret", new Faults.Fault { Kind = Faults.FaultKind.DropConnection, Count = 1 });
        var credentials = SecretsManagerCaller.Credentials(cloud.Sessions.Issue("sts", "sub", TimeSpan.FromHours(1)));

        await Assert.ThrowsAsync<HttpRequestException>(() => SecretsManagerCaller.CallAsync(cloud, credentials, "DescribeSecret", new { SecretId = "prod/db" }));
        Assert.Equal(1, cloud.Counters.Count("secretsmanager.DescribeSecret", "fault:drop"));
    }
}
