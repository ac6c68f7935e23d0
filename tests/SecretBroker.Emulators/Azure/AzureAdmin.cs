using System.Text.Json.Nodes;
using SecretBroker.Emulators.Azure.Entra;
using SecretBroker.Emulators.Azure.KeyVault;

namespace SecretBroker.Emulators.Azure;

/// <summary>
/// The admin routes of the Azure emulators under <c>/v1/azure/</c> (documented in README.md): Key Vault secrets
/// (set = a new version, attributes, disable, list, delete), the throttle, Entra's token lifetime and federated
/// credentials. Values are returned only by the set route that took them.
/// </summary>
internal sealed class AzureAdmin(VaultStore vault, KeyVaultOptions vaultOptions, VaultThrottle throttle, EntraOptions entra, Func<string> localIssuer)
{
    private const string Prefix = "/v1/azure/";
    private const string SecretsPrefix = Prefix + "keyvault/secrets/";
    private const string FederatedPrefix = Prefix + "entra/federated/";

    /// <summary>The answer to an admin request under <c>/v1/azure/</c>, or <see langword="null"/> when the path is not one.</summary>
    public (int, JsonNode?)? TryRoute(string method, string path, JsonObject body)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (path.StartsWith(SecretsPrefix, StringComparison.Ordinal) && path.Length > SecretsPrefix.Length)
        {
            return Secret(method, path[SecretsPrefix.Length..].Split('/'), body);
        }

        if (path == Prefix + "keyvault/throttle")
        {
            if (method is "PUT" or "POST")
            {
                vaultOptions.TransactionLimit = body["limit"]?.GetValue<int>() ?? vaultOptions.TransactionLimit;
                vaultOptions.ThrottleWindow = body["windowSeconds"] is { } w ? TimeSpan.FromSeconds(w.GetValue<double>()) : vaultOptions.ThrottleWindow;
                throttle.Reset();
            }

            return (200, new JsonObject
            {
                ["limit"] = vaultOptions.TransactionLimit,
                ["windowSeconds"] = vaultOptions.ThrottleWindow.TotalSeconds,
                ["peakInWindow"] = throttle.PeakInWindow,
            });
        }

        if (path == Prefix + "keyvault/settings")
        {
            if (method is "PUT" or "POST")
            {
                vaultOptions.DefaultPageSize = body["pageSize"]?.GetValue<int>() ?? vaultOptions.DefaultPageSize;
                vaultOptions.EnforceValidityPeriod = body["enforceValidityPeriod"]?.GetValue<bool>() ?? vaultOptions.EnforceValidityPeriod;
            }

            return (200, new JsonObject { ["pageSize"] = vaultOptions.DefaultPageSize, ["enforceValidityPeriod"] = vaultOptions.EnforceValidityPeriod });
        }

        if (path == Prefix + "entra/settings")
        {
            if (method is "PUT" or "POST" && body["expiresInSeconds"] is { } seconds)
            {
                entra.AccessTokenLifetime = TimeSpan.FromSeconds(seconds.GetValue<int>());
            }

            return (200, new JsonObject { ["expiresInSeconds"] = (long)entra.AccessTokenLifetime.TotalSeconds, ["tenantId"] = entra.TenantId, ["clientId"] = entra.ClientId });
        }

        if (path.StartsWith(FederatedPrefix, StringComparison.Ordinal) && path.Length > FederatedPrefix.Length)
        {
            var clientId = path[FederatedPrefix.Length..];
            switch (method)
            {
                case "PUT" or "POST":
                    var records = body["credentials"]?.AsArray().Select(c => new FederatedCredential(
                        c!["issuer"]?.GetValue<string>(),
                        c["subject"]?.GetValue<string>() ?? throw new ArgumentException("each credential needs a 'subject'"),
                        c["audience"]?.GetValue<string>() ?? EntraOptions.AssertionAudience)).ToList() ?? throw new ArgumentException("'credentials' is required");
                    entra.FederatedCredentials[clientId] = records;
                    return (200, Describe(clientId, records));
                case "DELETE":
                    return entra.FederatedCredentials.Remove(clientId) ? (204, null) : (404, new JsonObject { ["error"] = "no such client id" });
                case "GET":
                    return entra.FederatedCredentials.TryGetValue(clientId, out var found) ? (200, Describe(clientId, found)) : (404, new JsonObject { ["error"] = "no such client id" });
            }
        }

        return (404, new JsonObject { ["error"] = $"no admin route {method} {path}" });
    }

    private (int, JsonNode?) Secret(string method, string[] parts, JsonObject body)
    {
        var name = parts[0];
        switch (method, parts.Length > 1 ? parts[1] : null)
        {
            case ("PUT" or "POST", null):
                var value = body["value"]?.GetValue<string>() ?? throw new ArgumentException("'value' is required");
                var created = vault.Set(name, value, Attributes(body));
                return (200, new JsonObject { ["name"] = name, ["version"] = created.Version });
            case ("PUT" or "POST" or "PATCH", "attributes"):
                return Changed(name, body["version"]?.GetValue<string>(), Attributes(body));
            case ("POST", "disable"):
                return Changed(name, body["version"]?.GetValue<string>(), new VaultSecretAttributes { Enabled = false });
            case ("POST", "enable"):
                return Changed(name, body["version"]?.GetValue<string>(), new VaultSecretAttributes { Enabled = true });
            case ("GET", null):
                return vault.Versions(name) is { } versions
                    ? (200, new JsonObject { ["name"] = name, ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode?)Describe(v))]) })
                    : (404, new JsonObject { ["error"] = "no such secret" });
            case ("DELETE", null):
                return vault.Delete(name) ? (204, null) : (404, new JsonObject { ["error"] = "no such secret" });
            default:
                return (404, new JsonObject { ["error"] = $"no admin route {method} {SecretsPrefix}{string.Join('/', parts)}" });
        }
    }

    private (int, JsonNode?) Changed(string name, string? version, VaultSecretAttributes attributes) =>
        vault.Update(name, version, attributes) is { } updated ? (200, Describe(updated)) : (404, new JsonObject { ["error"] = "no such secret or version" });

    // The admin body: enabled, nbf/exp (epoch seconds; null clears), contentType, tags.
    private static VaultSecretAttributes Attributes(JsonObject body) => new()
    {
        Enabled = body["enabled"]?.GetValue<bool>(),
        NotBefore = body["nbf"] is { } nbf ? DateTimeOffset.FromUnixTimeSeconds(nbf.GetValue<long>()) : null,
        Expires = body["exp"] is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp.GetValue<long>()) : null,
        ClearNotBefore = body.ContainsKey("nbf") && body["nbf"] is null,
        ClearExpires = body.ContainsKey("exp") && body["exp"] is null,
        ContentType = body["contentType"]?.GetValue<string>(),
        Tags = body["tags"] is JsonObject tags ? tags.ToDictionary(t => t.Key, t => t.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal) : null,
    };

    private static JsonObject Describe(VaultSecretVersion v) => new()
    {
        ["version"] = v.Version,
        ["enabled"] = v.Enabled,
        ["nbf"] = v.NotBefore?.ToUnixTimeSeconds(),
        ["exp"] = v.Expires?.ToUnixTimeSeconds(),
        ["contentType"] = v.ContentType,
        ["created"] = v.Created.ToUnixTimeSeconds(),
        ["updated"] = v.Updated.ToUnixTimeSeconds(),
    };

    private JsonObject Describe(string clientId, List<FederatedCredential> records) => new()
    {
        ["clientId"] = clientId,
        ["credentials"] = new JsonArray([.. records.Select(r => (JsonNode?)new JsonObject
        {
            ["issuer"] = r.Issuer ?? localIssuer(),
            ["subject"] = r.Subject,
            ["audience"] = r.Audience,
        })]),
    };
}
