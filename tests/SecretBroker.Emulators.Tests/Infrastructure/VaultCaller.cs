using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>Raw HTTP to the Vault emulator (protocols.md §6): the status, the exact Content-Type, the parsed JSON body.</summary>
internal sealed class VaultCaller(LocalCloud cloud) : IDisposable
{
    private readonly HttpClient _http = cloud.Options.Tls ? LocalCaHttp.Create(cloud) : new HttpClient();

    public sealed record Reply(int Status, string? ContentType, string? CacheControl, JsonNode? Body, string Text);

    public async Task<Reply> SendAsync(string method, string path, string? token = null, JsonObject? body = null, string? ns = null, bool bearer = false)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(cloud.VaultUrl, "v1/" + path));
        if (token is not null)
        {
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            else
            {
                request.Headers.Add("X-Vault-Token", token);
            }
        }

        request.Headers.Add("X-Vault-Request", "true");
        if (ns is not null)
        {
            request.Headers.Add("X-Vault-Namespace", ns);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, response.Content.Headers.TryGetValues("Content-Type", out var ct) ? string.Join(",", ct) : null,
            response.Headers.CacheControl?.ToString(), Parse(text), text);
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Logs in on the kubernetes mount with the cloud's projected Vault token (or <paramref name="jwt"/>).</summary>
    public async Task<string> LoginAsync(string? jwt = null, string role = "sidecar", string? ns = null, string mount = "kubernetes")
    {
        var reply = await SendAsync("POST", $"auth/{mount}/login", body: new JsonObject { ["role"] = role, ["jwt"] = jwt ?? cloud.VaultToken.Current }, ns: ns);
        Assert.True(reply.Status == 200, reply.Text);
        return reply.Body!["auth"]!["client_token"]!.GetValue<string>();
    }

    public void Dispose() => _http.Dispose();
}
