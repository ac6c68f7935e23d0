using System.Net.Http.Json;
using System.Text.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class StagingLabelTests
{
    [Fact]
    public async Task Pending_then_promoted_versions_move_the_labels_consistently_across_operations()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        using var http = new HttpClient { BaseAddress = cloud.AdminUrl };
        var v1 = await (await http.PutAsJsonAsync("v1/secrets/prod/db", new { secretString = "one" })).Content.ReadFromJsonAsync<JsonElement>();
        var v2 = await (await http.PutAsJsonAsync("v1/secrets/prod/db", new { secretString = "two", stage = "AWSPENDING" })).Content.ReadFromJsonAsync<JsonElement>();
        var credentials = SecretsManagerCaller.Credentials(cloud.Sessions.Issue("sts", "sub", TimeSpan.FromHours(1)));
        var id1 = v1.GetProperty("versionId").GetString();
        var id2 = v2.GetProperty("versionId").GetString();

        var (_, pending) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db", VersionStage = "AWSPENDING" });
        var (_, currentBefore) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" });
        using var promote = await http.PostAsJsonAsync("v1/stages", new { name = "prod/db", stage = "AWSCURRENT", versionId = id2 });
        var (_, currentAfter) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = "prod/db" });
        var (_, byId) = await SecretsManagerCaller.CallAsync(cloud, credentials, "GetSecretValue", new { SecretId = currentAfter.GetProperty("ARN").GetString(), VersionId = id1 });
        var (_, described) = await SecretsManagerCaller.CallAsync(cloud, credentials, "DescribeSecret", new { SecretId = "prod/db" });
        var (_, listed) = await SecretsManagerCaller.CallAsync(cloud, credentials, "ListSecretVersionIds", new { SecretId = "prod/db" });

        Assert.Equal("two", pending.GetProperty("SecretString").GetString());
        Assert.Equal("one", currentBefore.GetProperty("SecretString").GetString());
        Assert.True(promote.IsSuccessStatusCode);
        Assert.Equal("two", currentAfter.GetProperty("SecretString").GetString());
        Assert.Equal(["AWSPREVIOUS"], byId.GetProperty("VersionStages").EnumerateArray().Select(s => s.GetString()));
        var stages = described.GetProperty("VersionIdsToStages");
        Assert.Equal("AWSCURRENT", stages.GetProperty(id2!)[0].GetString());
        Assert.Equal("AWSPREVIOUS", stages.GetProperty(id1!)[0].GetString());
        Assert.Equal(JsonValueKind.Number, described.GetProperty("LastChangedDate").ValueKind);
        Assert.Equal(2, listed.GetProperty("Versions").GetArrayLength());
    }
}
