using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class BatchGetSecretValueTests
{
    [Fact]
    public async Task More_than_20_ids_are_rejected_and_20_are_served()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        var ids = Enumerable.Range(0, 21).Select(i => $"s/{i}").ToArray();
        foreach (var id in ids)
        {
            cloud.Secrets.PutString(id, "v-" + id);
        }

        var credentials = SecretsManagerCaller.Credentials(cloud.Sessions.Issue("sts", "sub", TimeSpan.FromHours(1)));

        var (tooMany, error) = await SecretsManagerCaller.CallAsync(cloud, credentials, "BatchGetSecretValue", new { SecretIdList = ids });
        var (twenty, body) = await SecretsManagerCaller.CallAsync(cloud, credentials, "BatchGetSecretValue", new { SecretIdList = ids[..20] });

        Assert.Equal(400, tooMany);
        Assert.Equal("ValidationException", error.GetProperty("__type").GetString());
        Assert.Equal(200, twenty);
        Assert.Equal(20, body.GetProperty("SecretValues").GetArrayLength());
    }

    [Fact]
    public async Task MaxResults_without_Filters_is_rejected()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        var credentials = SecretsManagerCaller.Credentials(cloud.Sessions.Issue("sts", "sub", TimeSpan.FromHours(1)));

        var (status, body) = await SecretsManagerCaller.CallAsync(cloud, credentials, "BatchGetSecretValue", new { SecretIdList = new[] { "a" }, MaxResults = 5 });

        Assert.Equal(400, status);
        Assert.Equal("InvalidParameterException", body.GetProperty("__type").GetString());
    }
}
