using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Identity;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Azure.Entra;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// Entra refuses assertions that do not match a federated credential or are out of time, and Key Vault refuses
/// bearer tokens for another tenant or past their expiry, each in the service's own error shape (protocols.md §4, §5).
/// The assertions go through the official credential; the bearer checks use raw requests with tokens Entra signed.
/// </summary>
public sealed class AzureStrictnessTests
{
    [Fact]
    public async Task An_assertion_with_the_wrong_audience_is_AADSTS70021()
    {
        await using var test = await TestCloud.StartAsync();
        // The IRSA token: same issuer and subject, audience sts.amazonaws.com.
        using var azure = new AzureClients(test.Cloud, tokenFile: test.Cloud.IrsaToken.Path);

        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(azure.VaultTokenAsync);

        Assert.Contains("AADSTS70021", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "AADSTS70021"));
    }

    [Fact]
    public async Task An_expired_assertion_is_AADSTS700024()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        test.Cloud.Azure.Token.Rotate(TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(11));
        using var azure = new AzureClients(test.Cloud);

        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(azure.VaultTokenAsync);

        Assert.Contains("AADSTS700024", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "AADSTS700024"));
    }

    [Fact]
    public async Task An_assertion_signed_by_a_key_the_issuer_does_not_publish_is_AADSTS50013()
    {
        await using var test = await TestCloud.StartAsync();
        using var foreignKey = System.Security.Cryptography.RSA.Create(2048);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        // Every claim a federated credential matches is right: only the signature is not the issuer's.
        string forged = SecretBroker.Emulators.Oidc.OidcIssuer.Sign(new System.Text.Json.Nodes.JsonObject
        {
            ["iss"] = test.Cloud.Issuer.Issuer, ["sub"] = "system:serviceaccount:apps:broker", ["aud"] = "api://AzureADTokenExchange",
            ["iat"] = now.ToUnixTimeSeconds(), ["nbf"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }, foreignKey, "forged");
        string tokenFile = Path.Combine(Path.GetTempPath(), $"sb-forged-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(tokenFile, forged);
        try
        {
            using var azure = new AzureClients(test.Cloud, tokenFile: tokenFile);

            var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(azure.VaultTokenAsync);

            Assert.Contains("AADSTS50013", refused.ToString(), StringComparison.Ordinal);
            Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "AADSTS50013"));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task An_assertion_whose_subject_no_federated_credential_names_is_AADSTS700213()
    {
        await using var test = await TestCloud.StartAsync(o =>
            o.Entra.FederatedCredentials[o.Entra.ClientId] = [new FederatedCredential(null, "system:serviceaccount:other:someone")]);
        using var azure = new AzureClients(test.Cloud);

        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(azure.VaultTokenAsync);

        Assert.Contains("AADSTS700213", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:apps:broker", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assertion_from_an_issuer_no_federated_credential_names_is_AADSTS700211_with_entras_error_json()
    {
        await using var test = await TestCloud.StartAsync(o =>
            o.Entra.FederatedCredentials[o.Entra.ClientId] = [new FederatedCredential("https://oidc.prod.aks.example", "system:serviceaccount:apps:broker")]);
        using var http = LocalCaHttp.Create(test.Cloud);

        using var response = await http.PostAsync(
            new Uri(test.Cloud.EntraUrl, test.Cloud.Options.Entra.TenantId + "/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = test.Cloud.Options.Entra.ClientId,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = test.Cloud.Azure.Token.Current,
                ["scope"] = "https://vault.azure.net/.default",
                ["grant_type"] = "client_credentials",
            }));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", root.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS700211: No matching federated identity record found for presented assertion issuer '" + test.Cloud.Issuer.Issuer + "'", root.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(700211, root.GetProperty("error_codes")[0].GetInt32());
        Assert.Contains("\r\nTrace ID: " + root.GetProperty("trace_id").GetString() + "\r\nCorrelation ID: ", root.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://login.microsoftonline.com/error?code=700211", root.GetProperty("error_uri").GetString());
        foreach (var field in (string[])["timestamp", "trace_id", "correlation_id"])
        {
            Assert.False(string.IsNullOrEmpty(root.GetProperty(field).GetString()), field);
        }
    }

    [Fact]
    public async Task An_unknown_client_id_is_refused()
    {
        await using var test = await TestCloud.StartAsync();
        using var azure = new AzureClients(test.Cloud, clientId: "00000000-0000-0000-0000-000000000bad");

        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(azure.VaultTokenAsync);

        // Entra answers an unknown app with unauthorized_client (not invalid_client), as live answers show.
        Assert.Contains("unauthorized_client", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("AADSTS700016: Application with identifier '00000000-0000-0000-0000-000000000bad' was not found in the directory", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_for_another_tenant_is_a_401_with_the_challenge()
    {
        await using var test = await TestCloud.StartAsync();
        test.Cloud.Azure.Vault.Set("hf-token", "never-shown");
        var foreign = test.Cloud.Azure.AccessTokens.Mint("11111111-2222-3333-4444-555555555555", test.Cloud.Options.Entra.ClientId, "https://vault.azure.net", TimeSpan.FromHours(1));

        var (status, challenge, error) = await GetSecretAsync(test.Cloud, foreign);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"Bearer authorization=\"{test.Cloud.EntraUrl}{test.Cloud.Options.Entra.TenantId}\", resource=\"https://vault.azure.net\"", challenge);
        Assert.Equal("Unauthorized", error.GetProperty("code").GetString());
        Assert.StartsWith("AKV10032: Invalid issuer.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_for_another_audience_is_a_401()
    {
        await using var test = await TestCloud.StartAsync();
        var token = test.Cloud.Azure.AccessTokens.Mint(test.Cloud.Options.Entra.TenantId, test.Cloud.Options.Entra.ClientId, "https://storage.azure.com", TimeSpan.FromHours(1));

        var (status, _, error) = await GetSecretAsync(test.Cloud, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("AKV10022: Invalid audience.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_bearer_token_the_credential_got_is_a_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        test.Cloud.Azure.Vault.Set("hf-token", "never-shown");
        using var azure = new AzureClients(test.Cloud);
        var token = await azure.VaultTokenAsync();
        var before = await GetSecretAsync(test.Cloud, token.Token);

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var (status, challenge, error) = await GetSecretAsync(test.Cloud, token.Token);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotNull(challenge);
        Assert.Equal("TokenExpired", error.GetProperty("innererror").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_request_without_a_token_gets_the_challenge_and_key_vaults_missing_token_error()
    {
        await using var test = await TestCloud.StartAsync();

        var (status, challenge, error) = await GetSecretAsync(test.Cloud, bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Bearer authorization=", challenge, StringComparison.Ordinal);
        Assert.Equal("AKV10000: Request is missing a Bearer or PoP token.", error.GetProperty("message").GetString());
    }

    private static async Task<(HttpStatusCode Status, string? Challenge, JsonElement Error)> GetSecretAsync(LocalCloud cloud, string? bearer)
    {
        using var http = LocalCaHttp.Create(cloud);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cloud.KeyVaultUrl, "secrets/hf-token?api-version=2026-04-01"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.DoesNotContain("never-shown", text, StringComparison.Ordinal);
        }
        using var body = JsonDocument.Parse(text);
        var error = body.RootElement.TryGetProperty("error", out var e) ? e.Clone() : default;
        return (response.StatusCode, response.Headers.WwwAuthenticate.ToString() is { Length: > 0 } c ? c : null, error);
    }
}
