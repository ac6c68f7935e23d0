using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>
/// The admin API's Vault routes (under <c>/v1/vault/</c>): seed KV secrets, set auth and dynamic roles with their TTLs,
/// seal/unseal, list tokens and leases (with whether each is live), revoke a token. Faults and counters are the
/// shared <c>/v1/faults/&lt;operation&gt;</c> and <c>/v1/counters</c> (operations <c>Vault…</c>, counters <c>vault.…</c>).
/// </summary>
internal sealed class VaultAdmin(VaultState state)
{
    public const string Prefix = "/v1/vault/";

    public (int, JsonNode?)? TryRoute(string method, string path, JsonObject body)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[Prefix.Length..];
        var ns = (body["namespace"]?.GetValue<string>() ?? string.Empty).Trim('/');
        var write = method is "PUT" or "POST";
        switch (rest)
        {
            case "sealed" when write:
                state.Sealed = body["sealed"]?.GetValue<bool>() ?? true;
                return (200, new JsonObject { ["sealed"] = state.Sealed });
            case "tokens" when method == "GET":
                return (200, new JsonObject { ["tokens"] = new JsonArray([.. state.Tokens().Select(Describe)]) });
            case "leases" when method == "GET":
                return (200, new JsonObject { ["leases"] = new JsonArray([.. state.Leases().Select(Describe)]) });
            case "tokens/revoke" when write:
                var accessor = body["accessor"]?.GetValue<string>() ?? throw new ArgumentException("accessor is required");
                var token = state.Tokens().FirstOrDefault(t => t.Accessor == accessor) ?? throw new KeyNotFoundException("no such token accessor");
                state.RevokeToken(token.Id);
                return (200, Describe(token));
        }

        if (rest.StartsWith("kv2/", StringComparison.Ordinal) && write)
        {
            var data = body["data"] as JsonObject ?? throw new ArgumentException("data (an object) is required");
            var version = state.WriteKv2(ns, rest[4..], data);
            return (200, new JsonObject { ["version"] = version.Version });
        }

        if (rest.StartsWith("kv1/", StringComparison.Ordinal) && write)
        {
            var data = body["data"] as JsonObject ?? throw new ArgumentException("data (an object) is required");
            state.WriteKv1(ns, rest[4..], data);
            return (200, new JsonObject());
        }

        if (rest.StartsWith("roles/", StringComparison.Ordinal) && write)
        {
            return SetRole(rest[6..], body);
        }

        return (404, new JsonObject { ["error"] = "no such vault admin route" });
    }

    private (int, JsonNode?) SetRole(string rest, JsonObject body)
    {
        var parts = rest.Split('/', 2);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new ArgumentException("roles/<kubernetes|jwt|database>/<name>");
        }

        var ttl = Seconds(body["ttlSeconds"]);
        var maxTtl = Seconds(body["maxTtlSeconds"]);
        lock (state.Gate)
        {
            if (parts[0] == "database")
            {
                var dynamic = new DynamicRole();
                dynamic = dynamic with { DefaultTtl = ttl ?? dynamic.DefaultTtl, MaxTtl = maxTtl ?? dynamic.MaxTtl };
                state.Options.DatabaseRoles[parts[1]] = dynamic;
                return (200, new JsonObject { ["ttlSeconds"] = dynamic.DefaultTtl.TotalSeconds, ["maxTtlSeconds"] = dynamic.MaxTtl.TotalSeconds });
            }

            var roles = parts[0] switch
            {
                "kubernetes" => state.Options.KubernetesRoles,
                "jwt" => state.Options.JwtRoles,
                _ => throw new ArgumentException("role kind must be kubernetes, jwt or database"),
            };
            var role = new VaultRole();
            role = role with
            {
                BoundServiceAccountNames = Strings(body["boundServiceAccountNames"]) ?? role.BoundServiceAccountNames,
                BoundServiceAccountNamespaces = Strings(body["boundServiceAccountNamespaces"]) ?? role.BoundServiceAccountNamespaces,
                BoundSubject = body["boundSubject"]?.GetValue<string>(),
                Audience = body["audience"]?.GetValue<string>() ?? role.Audience,
                TokenTtl = ttl ?? role.TokenTtl,
                TokenMaxTtl = maxTtl ?? role.TokenMaxTtl,
                Policies = Strings(body["policies"]) ?? role.Policies,
            };
            roles[parts[1]] = role;
            return (200, new JsonObject { ["ttlSeconds"] = role.TokenTtl.TotalSeconds, ["maxTtlSeconds"] = role.TokenMaxTtl.TotalSeconds });
        }
    }

    private JsonObject Describe(VaultToken token) => new()
    {
        ["accessor"] = token.Accessor,
        ["namespace"] = token.Namespace,
        ["path"] = token.Path,
        ["role"] = token.Role,
        ["expireTime"] = VaultJson.Time(token.Expires),
        ["maxExpireTime"] = VaultJson.Time(token.MaxExpires),
        ["live"] = token.IsLive(state.Time.GetUtcNow()),
    };

    private JsonObject Describe(VaultLease lease) => new()
    {
        ["leaseId"] = lease.Id,
        ["namespace"] = lease.Namespace,
        ["username"] = lease.Username,
        ["expireTime"] = VaultJson.Time(lease.Expires),
        ["maxExpireTime"] = VaultJson.Time(lease.MaxExpires),
        ["renewals"] = lease.Renewals,
        ["live"] = state.IsLive(lease),
    };

    private static TimeSpan? Seconds(JsonNode? node) => node is null ? null : TimeSpan.FromSeconds(node.GetValue<double>());

    private static string[]? Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : null;
}
