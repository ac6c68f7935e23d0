using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// Key Vault's wire details a client may lean on (protocols.md §5, §10): list pages without values and with an
/// absolute <c>nextLink</c> on the vault's own host; the required <c>api-version</c>; bounds on <c>maxresults</c> and
/// secret names; an expired version served with its <c>exp</c> as the live service does, refused when validity is
/// enforced; and TLS that only a client trusting the run's CA gets through.
/// </summary>
public sealed class KeyVaultWireTests
{
    [Fact]
    public async Task A_versions_page_has_no_values_and_an_absolute_next_link_on_the_vaults_host()
    {
        await using var test = await TestCloud.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            test.Cloud.Azure.Vault.Set("rotating", "value-" + i);
        }

        using var http = LocalCaHttp.Create(test.Cloud, LocalCaHttp.VaultToken(test.Cloud));
        var (status, page) = await GetAsync(http, new Uri(test.Cloud.KeyVaultUrl, "secrets/rotating/versions?api-version=7.5&maxresults=2"));
        var next = page.GetProperty("nextLink").GetString()!;
        var (_, last) = await GetAsync(http, new Uri(next));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, page.GetProperty("value").GetArrayLength());
        Assert.DoesNotContain("value-", page.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(test.Cloud.KeyVaultUrl + "secrets/rotating/versions?api-version=7.5&$skiptoken=", next, StringComparison.Ordinal);
        Assert.Equal(1, last.GetProperty("value").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextLink").ValueKind);
        Assert.Matches("/secrets/rotating/[0-9a-f]{32}$", last.GetProperty("value")[0].GetProperty("id").GetString()!);
    }

    [Theory]
    [InlineData("secrets/hf-token", "The request URI contains an invalid or missing api-version.")]
    [InlineData("secrets/hf-token/versions?api-version=7.5&maxresults=26", "The value of maxresults must be between 1 and 25.")]
    public async Task Bad_query_parameters_are_bad_parameter_400s(string path, string message)
    {
        await using var test = await TestCloud.StartAsync();
        test.Cloud.Azure.Vault.Set("hf-token", "v");
        using var http = LocalCaHttp.Create(test.Cloud, LocalCaHttp.VaultToken(test.Cloud));

        var (status, body) = await GetAsync(http, new Uri(test.Cloud.KeyVaultUrl, path));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadParameter", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(message, body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_secret_name_key_vault_would_reject_cannot_be_set()
    {
        await using var test = await TestCloud.StartAsync();
        using var http = LocalCaHttp.Create(test.Cloud, LocalCaHttp.VaultToken(test.Cloud));

        using var response = await http.PutAsync(new Uri(test.Cloud.KeyVaultUrl, "secrets/bad_name?api-version=7.5"),
            new StringContent("{\"value\":\"v\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(test.Cloud.Azure.Vault.Get("bad_name"));
    }

    [Fact]
    public async Task An_expired_version_is_served_with_its_exp_unless_validity_is_enforced()
    {
        await using var test = await TestCloud.StartAsync();
        var past = DateTimeOffset.UtcNow.AddDays(-1);
        test.Cloud.Azure.Vault.Set("old-key", "still-here", new VaultSecretAttributes { Expires = past });
        using var azure = new AzureClients(test.Cloud);

        KeyVaultSecret served = await azure.Secrets.GetSecretAsync("old-key");
        test.Cloud.Options.KeyVault.EnforceValidityPeriod = true;
        var refused = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("old-key"));

        Assert.Equal("still-here", served.Value);
        Assert.Equal(past.ToUnixTimeSeconds(), served.Properties.ExpiresOn!.Value.ToUnixTimeSeconds());
        Assert.Equal(403, refused.Status);
        Assert.Equal(1, test.Cloud.Counters.Count("keyvault.GetSecret", "SecretExpired"));
        Assert.DoesNotContain("still-here", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_token_lifetime_is_the_configured_one()
    {
        await using var test = await TestCloud.StartAsync(o => o.Entra.AccessTokenLifetime = TimeSpan.FromMinutes(15));
        using var azure = new AzureClients(test.Cloud);

        var token = await azure.VaultTokenAsync();

        Assert.InRange(token.ExpiresOn - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_credential_that_does_not_trust_the_run_ca_is_refused_by_its_own_tls_stack()
    {
        await using var test = await TestCloud.StartAsync();
        var credential = new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions
        {
            AuthorityHost = test.Cloud.EntraUrl,
            TenantId = test.Cloud.Options.Entra.TenantId,
            ClientId = test.Cloud.Options.Entra.ClientId,
            TokenFilePath = test.Cloud.Azure.Token.Path,
            DisableInstanceDiscovery = true,
            Retry = { MaxRetries = 0 },
        });

        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
            await credential.GetTokenAsync(new global::Azure.Core.TokenRequestContext(["https://vault.azure.net/.default"]), CancellationToken.None));

        Assert.Contains("SSL", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, test.Cloud.Counters.Count("entra.EntraToken"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
