using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// The Azure half of the local cloud as a user finds it: endpoints.json names Entra, the vault, the tenant, the client
/// and the projected token (audience <c>api://AzureADTokenExchange</c>); the admin API sets, rotates, disables and
/// re-attributes secrets, changes the throttle and federated credentials, arms faults and reports counters.
/// </summary>
public sealed class AzureAdminTests
{
    [Fact]
    public async Task Endpoints_json_lists_entra_key_vault_the_ids_and_the_azure_token_file()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;

        using var endpoints = JsonDocument.Parse(await File.ReadAllTextAsync(cloud.EndpointsFile));
        var root = endpoints.RootElement;

        Assert.Equal(cloud.EntraUrl.ToString(), root.GetProperty("entraAuthorityHost").GetString());
        Assert.StartsWith("https://127.0.0.1:", root.GetProperty("keyVault").GetString(), StringComparison.Ordinal);
        Assert.Equal(cloud.Options.Entra.TenantId, root.GetProperty("azureTenantId").GetString());
        Assert.Equal(cloud.Options.Entra.ClientId, root.GetProperty("azureClientId").GetString());
        var tokenFile = root.GetProperty("tokenFiles").GetProperty("azure").GetString()!;
        Assert.Equal(Path.Combine(test.StateDirectory, "tokens", "azure", "azure-identity-token"), tokenFile);
        var payload = (await File.ReadAllTextAsync(tokenFile)).Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')))!;
        Assert.Equal("api://AzureADTokenExchange", claims["aud"]![0]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:apps:broker", claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_admin_api_sets_rotates_disables_and_re_attributes_a_secret_that_the_sdk_then_sees()
    {
        await using var test = await TestCloud.StartAsync();
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        using var azure = new AzureClients(test.Cloud);

        var first = await PutAsync(admin, "v1/azure/keyvault/secrets/hf-token", new JsonObject { ["value"] = "hf_1", ["contentType"] = "text/plain" });
        var second = await PutAsync(admin, "v1/azure/keyvault/secrets/hf-token", new JsonObject { ["value"] = "hf_2" });
        var rotated = (await azure.Secrets.GetSecretAsync("hf-token")).Value;
        await PutAsync(admin, "v1/azure/keyvault/secrets/hf-token/attributes", new JsonObject { ["exp"] = 1924992000, ["contentType"] = "application/json" });
        var attributed = (await azure.Secrets.GetSecretAsync("hf-token")).Value;
        using var disable = await admin.PostAsync(new Uri("v1/azure/keyvault/secrets/hf-token/disable", UriKind.Relative), null);
        var disabled = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("hf-token"));
        var older = (await azure.Secrets.GetSecretAsync("hf-token", first["version"]!.GetValue<string>())).Value;
        var described = await admin.GetFromJsonAsync<JsonObject>(new Uri("v1/azure/keyvault/secrets/hf-token", UriKind.Relative));

        Assert.Equal("hf_2", rotated.Value);
        Assert.Equal(second["version"]!.GetValue<string>(), rotated.Properties.Version);
        Assert.Equal(1924992000, attributed.Properties.ExpiresOn!.Value.ToUnixTimeSeconds());
        Assert.Equal("application/json", attributed.Properties.ContentType);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(403, disabled.Status);
        Assert.Equal("hf_1", older.Value);
        Assert.Equal([true, false], described!["versions"]!.AsArray().Select(v => v!["enabled"]!.GetValue<bool>()));
        Assert.DoesNotContain("hf_", described.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_sets_the_throttle_arms_faults_and_counts_per_operation_and_outcome()
    {
        await using var test = await TestCloud.StartAsync();
        test.Cloud.Azure.Vault.Set("hf-token", "v1");
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        using var azure = new AzureClients(test.Cloud);

        var throttle = await PutAsync(admin, "v1/azure/keyvault/throttle", new JsonObject { ["limit"] = 1, ["windowSeconds"] = 600 });
        await azure.Secrets.GetSecretAsync("hf-token");
        var throttled = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("hf-token"));
        await PutAsync(admin, "v1/azure/keyvault/throttle", new JsonObject { ["limit"] = 4000, ["windowSeconds"] = 10 });
        await PutAsync(admin, "v1/faults/GetSecret", new JsonObject { ["kind"] = "503", ["count"] = 1 });
        var faulted = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => azure.Secrets.GetSecretAsync("hf-token"));
        var recovered = (await azure.Secrets.GetSecretAsync("hf-token")).Value;
        var counters = await admin.GetFromJsonAsync<JsonObject>(new Uri("v1/counters", UriKind.Relative));

        Assert.Equal(1, throttle["limit"]!.GetValue<int>());
        Assert.Equal(429, throttled.Status);
        Assert.Equal(503, faulted.Status);
        Assert.Equal("v1", recovered.Value);
        var getSecret = counters!["operations"]!["keyvault.GetSecret"]!;
        Assert.Equal(2, getSecret["ok"]!.GetValue<long>());
        Assert.Equal(1, getSecret["Throttled"]!.GetValue<long>());
        Assert.Equal(1, getSecret["fault:ServiceUnavailable"]!.GetValue<long>());
        Assert.Equal(1, getSecret["Unauthorized"]!.GetValue<long>());
        Assert.Equal(1, counters["operations"]!["entra.EntraToken"]!["ok"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_admin_api_replaces_the_federated_credentials_of_a_client()
    {
        await using var test = await TestCloud.StartAsync();
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        var clientId = test.Cloud.Options.Entra.ClientId;

        await PutAsync(admin, "v1/azure/entra/federated/" + clientId, new JsonObject
        {
            ["credentials"] = new JsonArray(new JsonObject { ["subject"] = "system:serviceaccount:apps:other" }),
        });
        using var azure = new AzureClients(test.Cloud);
        var refused = await Assert.ThrowsAsync<global::Azure.Identity.AuthenticationFailedException>(azure.VaultTokenAsync);

        Assert.Contains("AADSTS700213", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_azure_token_rotates_kubelet_style_and_the_new_one_is_accepted()
    {
        await using var test = await TestCloud.StartAsync();
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        var before = await File.ReadAllTextAsync(test.Cloud.Azure.Token.Path);

        using var rotate = await admin.PostAsync(new Uri("v1/tokens/azure/rotate", UriKind.Relative), new StringContent("{\"lifetimeSeconds\":600}"));
        var after = await File.ReadAllTextAsync(test.Cloud.Azure.Token.Path);
        using var azure = new AzureClients(test.Cloud);
        await azure.VaultTokenAsync();

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.NotEqual(before, after);
        Assert.Equal(after, test.Cloud.Azure.Token.Current);
        Assert.Equal(2, test.Cloud.Azure.Token.Generation);
        // The visible file is a symlink into ..data, as the kubelet's AtomicWriter leaves it.
        Assert.NotNull(new FileInfo(test.Cloud.Azure.Token.Path).LinkTarget);
        Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "ok"));
    }

    [Fact]
    public async Task A_fault_on_the_token_endpoint_answers_in_entras_shape_and_is_counted()
    {
        await using var test = await TestCloud.StartAsync();
        using var admin = new HttpClient { BaseAddress = test.Cloud.AdminUrl };
        await PutAsync(admin, "v1/faults/EntraToken", new JsonObject { ["kind"] = "503", ["count"] = 1 });
        using var azure = new AzureClients(test.Cloud);

        var failed = await Assert.ThrowsAsync<global::Azure.Identity.AuthenticationFailedException>(azure.VaultTokenAsync);
        var token = await azure.VaultTokenAsync();

        Assert.Contains("temporarily_unavailable", failed.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(token.Token));
        Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "fault:ServiceUnavailable"));
        Assert.Equal(1, test.Cloud.Counters.Count("entra.EntraToken", "ok"));
    }

    private static async Task<JsonObject> PutAsync(HttpClient admin, string path, JsonObject body)
    {
        using var response = await admin.PutAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
