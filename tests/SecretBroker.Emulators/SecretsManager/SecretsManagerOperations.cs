using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.SecretsManager;

/// <summary>The read operations of Secrets Manager over <see cref="SecretStore"/>, validated as the service model says.</summary>
internal sealed class SecretsManagerOperations(SecretStore store)
{
    public (JsonObject? Result, AwsJsonError? Error) Invoke(string operation, JsonElement request) => operation switch
    {
        "GetSecretValue" => GetSecretValue(request),
        "BatchGetSecretValue" => BatchGetSecretValue(request),
        "DescribeSecret" => DescribeSecret(request),
        "ListSecretVersionIds" => ListSecretVersionIds(request),
        _ => (null, new AwsJsonError("UnknownOperationException", 400, $"Operation {operation} is not supported by this emulator.")),
    };

    private (JsonObject?, AwsJsonError?) GetSecretValue(JsonElement request)
    {
        var id = String(request, "SecretId");
        if (id is not { Length: >= 1 and <= 2048 })
        {
            return (null, AwsJsonError.Validation("1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must have length between 1 and 2048"));
        }

        var error = Resolve(id, String(request, "VersionId"), String(request, "VersionStage"), out var value);
        return (value, error);
    }

    private (JsonObject?, AwsJsonError?) BatchGetSecretValue(JsonElement request)
    {
        var hasIds = request.TryGetProperty("SecretIdList", out var ids) && ids.ValueKind == JsonValueKind.Array;
        var hasFilters = request.TryGetProperty("Filters", out var filters) && filters.ValueKind == JsonValueKind.Array;
        if (request.TryGetProperty("MaxResults", out _) && !hasFilters)
        {
            return (null, AwsJsonError.InvalidParameter("MaxResults can only be used together with Filters."));
        }

        if (hasIds == hasFilters)
        {
            return (null, AwsJsonError.InvalidParameter("Specify either SecretIdList or Filters, not both."));
        }

        var values = new JsonArray();
        var errors = new JsonArray();
        if (hasIds)
        {
            var list = ids.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
            if (list.Count is < 1 or > 20)
            {
                return (null, AwsJsonError.Validation($"1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20 (got {list.Count})."));
            }

            foreach (var id in list)
            {
                var error = Resolve(id, null, null, out var value);
                if (error is null)
                {
                    values.Add(value);
                }
                else
                {
                    errors.Add(new JsonObject { ["SecretId"] = id, ["ErrorCode"] = error.Code, ["Message"] = error.Message });
                }
            }
        }
        else
        {
            // Filters mode, enough for "name" prefixes; one page of at most MaxResults (default 20).
            var max = request.TryGetProperty("MaxResults", out var m) && m.TryGetInt32(out var mr) ? mr : 20;
            if (max is < 1 or > 20)
            {
                return (null, AwsJsonError.Validation("MaxResults must be between 1 and 20."));
            }

            var prefixes = filters.EnumerateArray()
                .Where(f => f.TryGetProperty("Key", out var k) && k.GetString() is "name" or "all")
                .SelectMany(f => f.GetProperty("Values").EnumerateArray().Select(v => v.GetString() ?? string.Empty))
                .ToList();
            foreach (var name in store.Names().Where(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))).Take(max))
            {
                if (Resolve(name, null, null, out var value) is null)
                {
                    values.Add(value);
                }
            }
        }

        return (new JsonObject { ["SecretValues"] = values, ["Errors"] = errors }, null);
    }

    private (JsonObject?, AwsJsonError?) DescribeSecret(JsonElement request)
    {
        var id = String(request, "SecretId") ?? string.Empty;
        var result = store.Read(id, SecretsManagerJson.Describe);
        return result is null ? (null, AwsJsonError.NotFound()) : (result, null);
    }

    private (JsonObject?, AwsJsonError?) ListSecretVersionIds(JsonElement request)
    {
        var id = String(request, "SecretId") ?? string.Empty;
        var includeDeprecated = request.TryGetProperty("IncludeDeprecated", out var d) && d.ValueKind == JsonValueKind.True;
        if (request.TryGetProperty("MaxResults", out var m) && (!m.TryGetInt32(out var max) || max is < 1 or > 100))
        {
            return (null, AwsJsonError.Validation("MaxResults must be between 1 and 100."));
        }

        var result = store.Read(id, s => new JsonObject
        {
            ["ARN"] = s.Arn,
            ["Name"] = s.Name,
            ["Versions"] = new JsonArray([.. s.Versions.Where(v => includeDeprecated || v.Stages.Count > 0).Select(v => (JsonNode?)SecretsManagerJson.VersionEntry(v))]),
        });
        return result is null ? (null, AwsJsonError.NotFound()) : (result, null);
    }

    private AwsJsonError? Resolve(string id, string? versionId, string? stage, out JsonObject? value)
    {
        JsonObject? found = null;
        var exists = store.Read(id, s =>
        {
            var version = versionId is not null ? s.ById(versionId) : s.ByStage(stage ?? SecretStore.Current);
            if (version is not null && (stage is null || version.Stages.Contains(stage)))
            {
                found = SecretsManagerJson.Value(s, version);
            }

            return true;
        });
        value = found;
        if (!exists)
        {
            return AwsJsonError.NotFound();
        }

        return found is null
            ? AwsJsonError.NotFound($"Secrets Manager can't find the specified secret value for {(versionId is not null ? "VersionId: " + versionId : "staging label: " + (stage ?? SecretStore.Current))}")
            : null;
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
