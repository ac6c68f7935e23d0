using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// A second official SDK nobody here wrote: the JavaScript <c>@azure/identity</c> 4.14.1 and
/// <c>@azure/keyvault-secrets</c> 4.12.0, with the workload identity environment the AKS webhook injects, the CA
/// through <c>NODE_EXTRA_CA_CERTS</c>, get a token, read a secret and its oldest version, list versions across
/// pages, and set a secret.
/// </summary>
public sealed class AzureNodeSdkTests
{
    [Fact]
    public async Task The_javascript_sdks_read_list_and_set_through_workload_identity()
    {
        await using var test = await TestCloud.StartAsync(o => o.KeyVault.DefaultPageSize = 2);
        var cloud = test.Cloud;
        var written = new[] { "v1", "v2", "v3" }.Select(v => cloud.Azure.Vault.Set("hf-token", v, new VaultSecretAttributes { ContentType = "text/plain" }).Version).ToList();

        var result = await NodeRunner.RunAsync("keyvault_workload_identity.mjs", new Dictionary<string, string>
        {
            ["AZURE_TENANT_ID"] = cloud.Options.Entra.TenantId,
            ["AZURE_CLIENT_ID"] = cloud.Options.Entra.ClientId,
            ["AZURE_FEDERATED_TOKEN_FILE"] = cloud.Azure.Token.Path,
            ["AZURE_AUTHORITY_HOST"] = cloud.EntraUrl.ToString(),
            ["NODE_EXTRA_CA_CERTS"] = cloud.CaCertificatePath,
            ["SB_VAULT_URL"] = cloud.KeyVaultUrl.ToString(),
            ["SB_SECRET"] = "hf-token",
        });

        Assert.Equal("v3", result.GetProperty("latest").GetString());
        Assert.Equal(written[2], result.GetProperty("latestVersion").GetString());
        Assert.Equal("text/plain", result.GetProperty("contentType").GetString());
        Assert.Equal(written, result.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("v1", result.GetProperty("oldest").GetString());
        Assert.Equal("set-by-node", result.GetProperty("afterSet").GetString());
        Assert.Equal(cloud.Azure.Vault.Get("hf-token")!.Version, result.GetProperty("setVersion").GetString());
        Assert.Equal(1, cloud.Counters.Count("entra.EntraToken", "ok"));
        // MSAL for Node reads the tenant's OpenID metadata once before its first token (MSAL.NET does not).
        Assert.Equal(1, cloud.Counters.Count("entra.OpenIdConfiguration", "ok"));
        Assert.Equal(0, cloud.Counters.Count("entra.Unknown"));
        Assert.Equal(2, cloud.Counters.Count("keyvault.GetSecretVersions", "ok"));
        Assert.Equal(1, cloud.Counters.Count("keyvault.SetSecret", "ok"));
    }
}
