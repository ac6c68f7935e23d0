using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.SecretsManager;

/// <summary>Shapes of Secrets Manager responses; timestamps are epoch seconds as JSON numbers (protocols.md §2).</summary>
internal static class SecretsManagerJson
{
    public static JsonNode Epoch(DateTimeOffset t) => JsonValue.Create(t.ToUnixTimeMilliseconds() / 1000.0);

    public static JsonObject Value(StoredSecret secret, SecretVersion version)
    {
        var o = new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = version.VersionId,
            ["VersionStages"] = Stages(version),
            ["CreatedDate"] = Epoch(version.CreatedDate),
        };
        if (version.SecretString is not null)
        {
            o["SecretString"] = version.SecretString;
        }
        else
        {
            o["SecretBinary"] = Convert.ToBase64String(version.SecretBinary!);
        }

        return o;
    }

    public static JsonObject Describe(StoredSecret secret)
    {
        var map = new JsonObject();
        foreach (var v in secret.Versions.Where(v => v.Stages.Count > 0))
        {
            map[v.VersionId] = Stages(v);
        }

        return new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["LastChangedDate"] = Epoch(secret.LastChangedDate),
            ["VersionIdsToStages"] = map,
            ["CreatedDate"] = Epoch(secret.CreatedDate),
        };
    }

    public static JsonObject VersionEntry(SecretVersion v) => new()
    {
        ["VersionId"] = v.VersionId,
        ["VersionStages"] = Stages(v),
        ["CreatedDate"] = Epoch(v.CreatedDate),
    };

    private static JsonArray Stages(SecretVersion v) => new([.. v.VersionStages.Select(s => (JsonNode?)JsonValue.Create(s))]);
}
