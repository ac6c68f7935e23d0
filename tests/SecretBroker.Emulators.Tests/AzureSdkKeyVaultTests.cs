using Azure.Security.KeyVault.Secrets;
using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// Azure.Identity's <c>WorkloadIdentityCredential</c> and Azure.Security.KeyVault.Secrets' <c>SecretClient</c>, the
/// official .NET SDKs, work against the Entra and Key Vault emulators with only endpoint, CA and the two documented
/// switches: the projected token becomes an access token, the vault's 401 challenge is answered, and reads, version
/// reads, paged version listings and sets come back as the SDK models them.
/// </summary>
public sealed class AzureSdkKeyVaultTests
{
    [Fact]
    public async Task The_credential_exchanges_the_projected_token_for_a_key_vault_token()
    {
        await using var test = await TestCloud.StartAsync();
        using var azure = new AzureClients(test.Cloud);

        var token = await azure.VaultTokenAsync();

        Assert.Equal(3, token.Token.Split('.').Length);
        Assert.True(token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "ok"));
        // With DisableInstanceDiscovery MSAL.NET sends the token POST and nothing else: no discovery, no metadata.
        Assert.Equal(0, test.Cloud.Counters.Count("entra.Unknown"));
        Assert.Equal(0, test.Cloud.Counters.Count("entra.OpenIdConfiguration"));
    }

    [Fact]
    public async Task The_secret_client_reads_a_secret_after_the_challenge_with_its_content_type_and_attributes()
    {
        await using var test = await TestCloud.StartAsync();
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        test.Cloud.Azure.Vault.Set("hf-token", "hf_from_key_vault", new VaultSecretAttributes { ContentType = "text/plain", Expires = expires });
        using var azure = new AzureClients(test.Cloud);

        KeyVaultSecret secret = await azure.Secrets.GetSecretAsync("hf-token");

        Assert.Equal("hf_from_key_vault", secret.Value);
        Assert.Equal("hf-token", secret.Name);
        Assert.Equal(test.Cloud.Azure.Vault.Get("hf-token")!.Version, secret.Properties.Version);
        Assert.Equal("text/plain", secret.Properties.ContentType);
        Assert.Equal(expires.ToUnixTimeSeconds(), secret.Properties.ExpiresOn!.Value.ToUnixTimeSeconds());
        Assert.True(secret.Properties.Enabled);
        Assert.Equal(new Uri(test.Cloud.KeyVaultUrl, "secrets/hf-token/" + secret.Properties.Version), secret.Id);
        // The challenge (no token), then the retry with the bearer token.
        Assert.Equal(1, test.Cloud.Counters.Count("keyvault.GetSecret", "Unauthorized"));
        Assert.Equal(1, test.Cloud.Counters.Count("keyvault.GetSecret", "ok"));
    }

    [Fact]
    public async Task The_secret_client_reads_an_older_version_by_id()
    {
        await using var test = await TestCloud.StartAsync();
        var first = test.Cloud.Azure.Vault.Set("db-password", "first");
        test.Cloud.Azure.Vault.Set("db-password", "second");
        using var azure = new AzureClients(test.Cloud);

        KeyVaultSecret latest = await azure.Secrets.GetSecretAsync("db-password");
        KeyVaultSecret older = await azure.Secrets.GetSecretAsync("db-password", first.Version);

        Assert.Equal("second", latest.Value);
        Assert.Equal("first", older.Value);
        Assert.Equal(first.Version, older.Properties.Version);
    }

    [Fact]
    public async Task The_secret_client_lists_versions_across_pages_by_following_next_link()
    {
        await using var test = await TestCloud.StartAsync(o => o.KeyVault.DefaultPageSize = 2);
        var written = Enumerable.Range(1, 5).Select(i => test.Cloud.Azure.Vault.Set("rotating", "v" + i).Version).ToList();
        using var azure = new AzureClients(test.Cloud);

        var listed = new List<SecretProperties>();
        await foreach (var properties in azure.Secrets.GetPropertiesOfSecretVersionsAsync("rotating"))
        {
            listed.Add(properties);
        }

        Assert.Equal(written, listed.Select(p => p.Version));
        Assert.All(listed, p => Assert.Equal("rotating", p.Name));
        // Three pages of 2, 2 and 1 (plus the challenge): the SDK followed nextLink twice.
        Assert.Equal(3, test.Cloud.Counters.Count("keyvault.GetSecretVersions", "ok"));
    }

    [Fact]
    public async Task The_secret_client_sets_a_new_version_that_the_next_read_returns()
    {
        await using var test = await TestCloud.StartAsync();
        test.Cloud.Azure.Vault.Set("api-key", "old");
        using var azure = new AzureClients(test.Cloud);

        KeyVaultSecret set = await azure.Secrets.SetSecretAsync(new KeyVaultSecret("api-key", "new") { Properties = { ContentType = "application/x-token" } });
        KeyVaultSecret read = await azure.Secrets.GetSecretAsync("api-key");

        Assert.Equal("new", read.Value);
        Assert.Equal(set.Properties.Version, read.Properties.Version);
        Assert.Equal("application/x-token", read.Properties.ContentType);
        Assert.Equal(2, test.Cloud.Azure.Vault.Versions("api-key")!.Count);
    }

    [Fact]
    public async Task A_disabled_secret_and_a_missing_one_are_refused_in_key_vaults_shape()
    {
        await using var test = await TestCloud.StartAsync();
        test.Cloud.Azure.Vault.Set("off", "hidden", new VaultSecretAttributes { Enabled = false });
        using var azure = new AzureClients(test.Cloud);

        var disabled = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("off"));
        var missing = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("nope"));

        Assert.Equal(403, disabled.Status);
        Assert.Equal("Forbidden", disabled.ErrorCode);
        Assert.Contains("Operation get is not allowed on a disabled secret.", disabled.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", disabled.Message, StringComparison.Ordinal);
        Assert.Equal(404, missing.Status);
        Assert.Equal("SecretNotFound", missing.ErrorCode);
    }
}
