using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>The secret bundle and list-item shapes (protocols.md §5): times as integer epoch seconds, ids on the vault's own URL.</summary>
internal static class KeyVaultJson
{
    public static JsonObject Bundle(string vault, VaultSecretVersion v)
    {
        var item = Item(vault, v, versioned: true);
        item["value"] = v.Value;
        return item;
    }

    /// <summary>A list item: no value; versioned id in a versions listing, versionless in a secrets listing.</summary>
    public static JsonObject Item(string vault, VaultSecretVersion v, bool versioned)
    {
        var attributes = new JsonObject { ["enabled"] = v.Enabled };
        if (v.NotBefore is { } nbf)
        {
            attributes["nbf"] = nbf.ToUnixTimeSeconds();
        }

        if (v.Expires is { } exp)
        {
            attributes["exp"] = exp.ToUnixTimeSeconds();
        }

        attributes["created"] = v.Created.ToUnixTimeSeconds();
        attributes["updated"] = v.Updated.ToUnixTimeSeconds();
        attributes["recoveryLevel"] = "Recoverable+Purgeable";
        attributes["recoverableDays"] = 90;
        var item = new JsonObject { ["id"] = $"{vault}secrets/{v.Name}" + (versioned ? "/" + v.Version : string.Empty) };
        if (v.ContentType is not null)
        {
            item["contentType"] = v.ContentType;
        }

        item["attributes"] = attributes;
        if (v.Tags is { Count: > 0 } tags)
        {
            item["tags"] = new JsonObject([.. tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
        }

        return item;
    }

    /// <summary>Reads the <c>attributes</c>/<c>contentType</c>/<c>tags</c> of a PUT or PATCH body.</summary>
    public static VaultSecretAttributes Attributes(JsonObject body)
    {
        var attributes = body["attributes"] as JsonObject;
        return new VaultSecretAttributes
        {
            Enabled = attributes?["enabled"]?.GetValue<bool>(),
            NotBefore = Time(attributes, "nbf"),
            Expires = Time(attributes, "exp"),
            ClearNotBefore = attributes is not null && attributes.ContainsKey("nbf") && attributes["nbf"] is null,
            ClearExpires = attributes is not null && attributes.ContainsKey("exp") && attributes["exp"] is null,
            ContentType = body["contentType"]?.GetValue<string>(),
            Tags = body["tags"] is JsonObject tags ? tags.ToDictionary(t => t.Key, t => t.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal) : null,
        };
    }

    private static DateTimeOffset? Time(JsonObject? attributes, string name) =>
        attributes?[name] is { } n ? DateTimeOffset.FromUnixTimeSeconds(n.GetValue<long>()) : null;
}
