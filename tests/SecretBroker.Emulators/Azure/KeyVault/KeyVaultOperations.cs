using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>
/// Key Vault's secrets operations (protocols.md §5): <c>GET /secrets</c>, <c>GET /secrets/{name}/versions</c> (paged
/// with an absolute <c>nextLink</c>), <c>GET /secrets/{name}[/{version}]</c>, <c>PUT /secrets/{name}</c>,
/// <c>PATCH /secrets/{name}[/{version}]</c>.
/// </summary>
internal sealed class KeyVaultOperations(VaultStore store, KeyVaultOptions options, TimeProvider time)
{
    /// <summary>The operation a request is (fault and counter key), <c>Unknown</c> when none.</summary>
    public static string Name(string method, string[] segments) => (method, segments) switch
    {
        ("GET", ["secrets"]) => "GetSecrets",
        ("GET", ["secrets", _, "versions"]) => "GetSecretVersions",
        ("GET", ["secrets", _] or ["secrets", _, _]) => "GetSecret",
        ("PUT", ["secrets", _]) => "SetSecret",
        ("PATCH", ["secrets", _] or ["secrets", _, _]) => "UpdateSecret",
        _ => "Unknown",
    };

    /// <summary>Runs an authenticated, admitted request; <paramref name="vault"/> is the base URL ids are built on.</summary>
    public async Task<VaultAnswer> RunAsync(HttpContext context, string operation, string[] segments, string vault)
    {
        var query = context.Request.Query;
        switch (operation)
        {
            case "GetSecrets":
                return Page(vault, "secrets", store.Latest().Select(v => KeyVaultJson.Item(vault, v, versioned: false)).ToList(), query);
            case "GetSecretVersions":
                return store.Versions(segments[1]) is { } versions
                    ? Page(vault, $"secrets/{segments[1]}/versions", versions.Select(v => KeyVaultJson.Item(vault, v, versioned: true)).ToList(), query)
                    : KeyVaultError.NotFound(segments[1]);
            case "GetSecret":
                return Get(vault, segments[1], segments.Length > 2 ? segments[2] : null);
            case "SetSecret" or "UpdateSecret":
                JsonObject? body;
                try
                {
                    body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
                }
                catch (JsonException)
                {
                    body = null;
                }

                if (body is null)
                {
                    return KeyVaultError.BadParameter("The request body is not a JSON object.");
                }

                return operation == "SetSecret" ? Set(vault, segments[1], body) : Update(vault, segments[1], segments.Length > 2 ? segments[2] : null, body);
            default:
                return KeyVaultError.BadParameter($"Method {context.Request.Method} {context.Request.Path} is not supported.");
        }
    }

    private VaultAnswer Get(string vault, string name, string? version)
    {
        var id = version is null ? name : name + "/" + version;
        if (!VaultStore.IsValidName(name) || (version is not null && !VaultStore.IsValidVersion(version)) || store.Get(name, version) is not { } found)
        {
            return KeyVaultError.NotFound(id);
        }

        if (!found.Enabled)
        {
            return new KeyVaultError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
        }

        var now = time.GetUtcNow();
        if (options.EnforceValidityPeriod && found.Expires is { } exp && now >= exp)
        {
            return new KeyVaultError(403, "Forbidden", "Operation get is not allowed on an expired secret.", "SecretExpired");
        }

        if (options.EnforceValidityPeriod && found.NotBefore is { } nbf && now < nbf)
        {
            return new KeyVaultError(403, "Forbidden", "Operation get is not allowed on a secret that is not yet valid.", "SecretNotYetValid");
        }

        return KeyVaultJson.Bundle(vault, found);
    }

    private VaultAnswer Set(string vault, string name, JsonObject body)
    {
        if (!VaultStore.IsValidName(name))
        {
            return KeyVaultError.BadParameter($"The secret name '{name}' is invalid: it must be 1-127 characters of 0-9, a-z, A-Z and -.");
        }

        if (body["value"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return KeyVaultError.BadParameter("The parameter 'value' is required and must be a string.");
        }

        var text = value.GetValue<string>();
        if (text.Length > VaultStore.MaxValueLength)
        {
            return KeyVaultError.BadParameter($"The secret value is larger than the maximum of {VaultStore.MaxValueLength} characters.");
        }

        return KeyVaultJson.Bundle(vault, store.Set(name, text, KeyVaultJson.Attributes(body)));
    }

    private VaultAnswer Update(string vault, string name, string? version, JsonObject body)
    {
        var updated = VaultStore.IsValidName(name) && (version is null || VaultStore.IsValidVersion(version)) ? store.Update(name, version, KeyVaultJson.Attributes(body)) : null;
        if (updated is null)
        {
            return KeyVaultError.NotFound(version is null ? name : name + "/" + version);
        }

        var item = KeyVaultJson.Item(vault, updated, versioned: true);
        return item;
    }

    private VaultAnswer Page(string vault, string path, List<JsonObject> items, IQueryCollection query)
    {
        var size = options.DefaultPageSize;
        if (query["maxresults"].ToString() is { Length: > 0 } max)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 25)
            {
                return KeyVaultError.BadParameter("The value of maxresults must be between 1 and 25.");
            }
        }

        var offset = 0;
        if (query["$skiptoken"].ToString() is { Length: > 0 } token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return KeyVaultError.BadParameter("The $skiptoken is invalid.");
        }

        var page = items.Skip(offset).Take(size).ToList();
        string? next = offset + size < items.Count
            ? $"{vault}{path}?api-version={Uri.EscapeDataString(query["api-version"].ToString())}&$skiptoken={offset + size}&maxresults={size}"
            : null;
        return new JsonObject { ["value"] = new JsonArray([.. page]), ["nextLink"] = next };
    }
}
