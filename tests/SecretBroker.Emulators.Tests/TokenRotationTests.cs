using System.Net.Http.Json;
using System.Text.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class TokenRotationTests
{
    [Fact]
    public async Task Rotating_through_the_admin_API_publishes_a_new_token_that_STS_accepts()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        var before = await File.ReadAllTextAsync(cloud.IrsaToken.Path);
        using var admin = new HttpClient { BaseAddress = cloud.AdminUrl };

        using var response = await admin.PostAsJsonAsync("v1/tokens/irsa/rotate", new { lifetimeSeconds = 600 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await File.ReadAllTextAsync(cloud.IrsaToken.Path);
        var (status, code, _) = await StsCaller.AssumeAsync(cloud, after);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(2, body.GetProperty("generation").GetInt32());
        Assert.NotEqual(before, after);
        Assert.Equal(cloud.IrsaToken.Current, after);
        Assert.Equal(TimeSpan.FromSeconds(600), cloud.IrsaToken.Request.Lifetime);
        Assert.Equal(200, status);
        Assert.Null(code);
    }

    [Fact]
    public async Task Rotating_an_unknown_token_volume_is_404()
    {
        await using var test = await TestCloud.StartAsync();
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };

        using var response = await admin.PostAsync("v1/tokens/nope/rotate", null);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
