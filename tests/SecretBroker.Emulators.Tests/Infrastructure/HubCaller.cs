using System.Text.Json;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>Posts an RFC 8693 token exchange to the Hub emulator, as a client would.</summary>
internal static class HubCaller
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string IdTokenType = "urn:ietf:params:oauth:token-type:id_token";

    public static async Task<(int Status, JsonElement Body)> ExchangeAsync(LocalCloud cloud, string subjectToken, string resource = "acme/llama-ft", string grantType = GrantType)
    {
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent(
        [
            new("grant_type", grantType),
            new("subject_token", subjectToken),
            new("subject_token_type", IdTokenType),
            new("resource", resource),
        ]);
        using var response = await http.PostAsync(new Uri(cloud.HuggingFaceUrl, "oauth/token"), content);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public static string Error(JsonElement body) => body.GetProperty("error").GetString()!;
}
