using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// The Hub's token exchange refuses what the Hub would (signature, issuer, audience, expiry, untrusted subject) with
/// the OAuth error shape, and otherwise issues an <c>hf_jwt_…</c> access token for the configured lifetime.
/// </summary>
public sealed class HuggingFaceTokenExchangeTests
{
    [Fact]
    public async Task The_projected_token_for_the_hub_is_exchanged_for_an_access_token()
    {
        await using var test = await TestCloud.StartAsync();
        var token = await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path);

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, token);

        Assert.Equal(200, status);
        Assert.StartsWith("hf_jwt_", body.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        var issued = Assert.Single(test.Cloud.HubTokens.Issued);
        Assert.Equal("system:serviceaccount:apps:broker", issued.Subject);
        Assert.Equal("acme/llama-ft", issued.Resource);
        Assert.Equal(test.Cloud.HuggingFaceToken.CurrentId, issued.SubjectTokenId);
        Assert.Equal(1, test.Cloud.Counters.Count("huggingface.TokenExchange", "ok"));
    }

    [Fact]
    public async Task The_hub_token_file_carries_the_hub_audience()
    {
        await using var test = await TestCloud.StartAsync();
        var part = (await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path)).Split('.')[1].Replace('-', '+').Replace('_', '/');
        var payload = Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='));

        using var claims = JsonDocument.Parse(payload);

        Assert.Equal(["https://huggingface.co"], claims.RootElement.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(test.Cloud.HuggingFaceToken.Path, test.Cloud.Endpoints.TokenFiles["huggingface"]);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_invalid_grant()
    {
        await using var test = await TestCloud.StartAsync();
        using var otherKey = RSA.Create(2048);

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, Forge(test.Cloud, otherKey, test.Cloud.Issuer.Issuer, "https://huggingface.co"));

        Assert.Equal(401, status);
        Assert.Equal("invalid_grant", HubCaller.Error(body));
        Assert.Contains("signature", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Empty(test.Cloud.HubTokens.Issued);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_invalid_grant()
    {
        await using var test = await TestCloud.StartAsync();
        var token = Forge(test.Cloud, null, "https://oidc.elsewhere.example", "https://huggingface.co");

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, token);

        Assert.Equal(401, status);
        Assert.Equal("invalid_grant", HubCaller.Error(body));
        Assert.Contains("issuer", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_invalid_grant()
    {
        await using var test = await TestCloud.StartAsync();

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, await File.ReadAllTextAsync(test.Cloud.IrsaToken.Path));

        Assert.Equal(401, status);
        Assert.Equal("invalid_grant", HubCaller.Error(body));
        Assert.Contains("audience", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_invalid_grant()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        var token = await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path);
        clock.Advance(test.Cloud.Options.HuggingFaceToken.Lifetime + TimeSpan.FromSeconds(1));

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, token);

        Assert.Equal(401, status);
        Assert.Equal("invalid_grant", HubCaller.Error(body));
        Assert.Contains("expired", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_the_resource_does_not_trust_is_invalid_grant()
    {
        await using var test = await TestCloud.StartAsync();
        var intruder = test.Cloud.Issuer.Mint(new ServiceAccountTokenRequest { ServiceAccount = "intruder", Audiences = ["https://huggingface.co"] });
        var trusted = await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path);

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, intruder);
        var (otherResource, otherBody) = await HubCaller.ExchangeAsync(test.Cloud, trusted, resource: "acme/secret-model");

        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", HubCaller.Error(body));
        Assert.Contains("system:serviceaccount:apps:intruder", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, otherResource);
        Assert.Equal("invalid_grant", HubCaller.Error(otherBody));
        Assert.Empty(test.Cloud.HubTokens.Issued);
        Assert.Equal(2, test.Cloud.Counters.Count("huggingface.TokenExchange", "invalid_grant"));
    }

    [Fact]
    public async Task Another_grant_type_is_unsupported_grant_type()
    {
        await using var test = await TestCloud.StartAsync();

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path), grantType: "client_credentials");

        Assert.Equal(400, status);
        Assert.Equal("unsupported_grant_type", HubCaller.Error(body));
    }

    [Fact]
    public async Task The_admin_API_sets_the_lifetime_and_the_trust_and_lists_issued_tokens_without_them()
    {
        await using var test = await TestCloud.StartAsync();
        using var http = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        var token = await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path);

        using (var put = await http.PutAsync("v1/huggingface/settings", Json("""{"expiresInSeconds":5}""")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var trust = await http.PutAsync("v1/huggingface/trust/acme/other", Json("""{"subjects":["system:serviceaccount:apps:broker"]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, trust.StatusCode);
        }

        var (status, body) = await HubCaller.ExchangeAsync(test.Cloud, token, resource: "acme/other");
        var listed = await http.GetStringAsync("v1/huggingface/tokens");

        Assert.Equal(200, status);
        Assert.Equal(5, body.GetProperty("expires_in").GetInt32());
        Assert.Contains("\"resource\":\"acme/other\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(body.GetProperty("access_token").GetString()!, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_on_TokenExchange_answer_in_the_OAuth_shape_and_are_counted()
    {
        await using var test = await TestCloud.StartAsync();
        var token = await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path);
        test.Cloud.Faults.Set("TokenExchange", new Fault { Kind = FaultKind.ServiceUnavailable, Count = 1 });
        test.Cloud.Faults.Set("*", new Fault { Kind = FaultKind.None });

        var (failed, body) = await HubCaller.ExchangeAsync(test.Cloud, token);
        var (recovered, _) = await HubCaller.ExchangeAsync(test.Cloud, token);

        Assert.Equal(503, failed);
        Assert.Equal("temporarily_unavailable", HubCaller.Error(body));
        Assert.Equal(200, recovered);
        Assert.Equal(1, test.Cloud.Counters.Count("huggingface.TokenExchange", "fault:ServiceUnavailable"));
        Assert.Equal(1, test.Cloud.Counters.Count("huggingface.TokenExchange", "ok"));
    }

    [Fact]
    public async Task The_hub_token_rotates_kubelet_style_through_the_admin_API()
    {
        await using var test = await TestCloud.StartAsync();
        using var http = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        var before = test.Cloud.HuggingFaceToken.CurrentId;

        using var rotate = await http.PostAsync("v1/tokens/huggingface/rotate", Json("{}"));

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.NotEqual(before, test.Cloud.HuggingFaceToken.CurrentId);
        var (status, _) = await HubCaller.ExchangeAsync(test.Cloud, await File.ReadAllTextAsync(test.Cloud.HuggingFaceToken.Path));
        Assert.Equal(200, status);
        Assert.Equal(test.Cloud.HuggingFaceToken.CurrentId, test.Cloud.HubTokens.Issued[^1].SubjectTokenId);
    }

    private static string Forge(LocalCloud cloud, RSA? key, string issuer, string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = cloud.Options.HuggingFaceToken.Subject,
            ["aud"] = new JsonArray(audience),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        };
        return key is null ? SignWithIssuerKey(cloud, claims) : OidcIssuer.Sign(claims, key, cloud.Issuer.KeyId);
    }

    // The issuer's own key, so only the claim under test is wrong.
    private static string SignWithIssuerKey(LocalCloud cloud, JsonObject claims) => OidcIssuer.Sign(claims, cloud.Issuer.PublicKey, cloud.Issuer.KeyId);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
