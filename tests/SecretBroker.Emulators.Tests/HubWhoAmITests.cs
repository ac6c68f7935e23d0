using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>The local cloud's Hub answers <c>/api/whoami-v2</c> on the exchange's listener, for added tokens and for exchanged ones.</summary>
public sealed class HubWhoAmITests
{
    [Fact]
    public async Task Whoami_on_the_hub_listener_knows_added_and_exchanged_tokens_and_refuses_others()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        cloud.HubWhoAmI.AddToken("hf_added_token", new WhoAmIAccount("acme", "ci-read", "read"));
        using var http = new HttpClient { BaseAddress = new Uri(cloud.Endpoints.HuggingFace) };
        using var exchanged = await http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = await File.ReadAllTextAsync(cloud.HuggingFaceToken.Path),
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:id_token",
            ["resource"] = "acme/llama-ft",
        }));
        string accessToken = JsonDocument.Parse(await exchanged.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;

        async Task<(HttpStatusCode, JsonElement)> WhoAmI(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/whoami-v2");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        var (addedStatus, added) = await WhoAmI("hf_added_token");
        var (exchangedStatus, viaExchange) = await WhoAmI(accessToken);
        var (noneStatus, _) = await WhoAmI(null);
        var (unknownStatus, _) = await WhoAmI("hf_unknown");

        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "ci-read"), (addedStatus, added.GetProperty("auth").GetProperty("accessToken").GetProperty("displayName").GetString()));
        Assert.Equal((HttpStatusCode.OK, "acme"), (exchangedStatus, viaExchange.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, noneStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
    }
}
