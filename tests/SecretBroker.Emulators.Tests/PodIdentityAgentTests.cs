using System.Net;
using System.Text.Json;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class PodIdentityAgentTests
{
    [Fact]
    public async Task The_token_file_contents_get_credentials_as_the_agent_shapes_them()
    {
        await using var test = await TestCloud.StartAsync();
        var (status, type, body) = await GetAsync(test.Cloud, await File.ReadAllTextAsync(test.Cloud.PodIdentityToken.Path));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.StartsWith("ASIA", json.GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
        Assert.Equal("111122223333", json.GetProperty("AccountId").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", json.GetProperty("Expiration").GetString());
        Assert.NotNull(test.Cloud.Sessions.Find(json.GetProperty("AccessKeyId").GetString()!));
    }

    [Fact]
    public async Task Errors_are_plain_text_400_for_empty_or_unparseable_and_403_for_a_foreign_token()
    {
        await using var test = await TestCloud.StartAsync();
        var irsaToken = await File.ReadAllTextAsync(test.Cloud.IrsaToken.Path); // aud sts.amazonaws.com
        var stale = test.Cloud.Issuer.Mint(test.Cloud.Options.PodIdentityToken); // valid, but not the file's content

        var empty = await GetAsync(test.Cloud, null);
        var garbage = await GetAsync(test.Cloud, "not-a-jwt");
        var wrongAudience = await GetAsync(test.Cloud, irsaToken);
        var notTheFile = await GetAsync(test.Cloud, stale);

        Assert.Equal((HttpStatusCode.BadRequest, "text/plain"), (empty.Status, empty.Type));
        Assert.Contains("cannot be empty", empty.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrongAudience.Status);
        Assert.Equal(HttpStatusCode.Forbidden, notTheFile.Status);
        Assert.Empty(test.Cloud.Sessions.All());
    }

    private static async Task<(HttpStatusCode Status, string? Type, string Body)> GetAsync(LocalCloud cloud, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, cloud.PodIdentityCredentialsUri);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
