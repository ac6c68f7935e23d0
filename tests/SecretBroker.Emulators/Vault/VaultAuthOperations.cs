using System.Globalization;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.Vault;

/// <summary>
/// Logins (kubernetes and jwt methods: the service-account JWT checked against the emulator's OIDC issuer key, the
/// role's audience, expiry and binding) and token self-management (lookup-self, renew-self capped at max TTL, revoke-self).
/// </summary>
internal sealed class VaultAuthOperations(VaultState state, JwtValidator validator)
{
    public const string KubernetesMount = "kubernetes";
    public const string JwtMount = "jwt";

    public VaultAnswer Login(VaultRequest request, string mount)
    {
        string? method;
        lock (state.Gate)
        {
            method = state.Options.AuthMounts.GetValueOrDefault(mount);
        }

        var roles = method switch
        {
            KubernetesMount => state.Options.KubernetesRoles,
            JwtMount => state.Options.JwtRoles,
            _ => null,
        };
        if (roles is null)
        {
            return VaultAnswer.PermissionDenied();
        }

        var roleName = request.Body["role"]?.GetValue<string>();
        if (string.IsNullOrEmpty(roleName))
        {
            return VaultAnswer.BadRequest("missing role");
        }

        var jwt = request.Body["jwt"]?.GetValue<string>();
        if (string.IsNullOrEmpty(jwt))
        {
            return VaultAnswer.BadRequest("missing jwt");
        }

        VaultRole? role;
        lock (state.Gate)
        {
            role = roles.GetValueOrDefault(roleName);
        }

        if (role is null)
        {
            return VaultAnswer.Error(400, "invalid-role", $"invalid role name \"{roleName}\"");
        }

        var failure = validator.Validate(jwt, role.Audience, out var validated, out _);
        if (failure != JwtFailure.None)
        {
            return VaultAnswer.Error(403, "denied:" + failure, "permission denied");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["role"] = roleName };
        if (method == KubernetesMount)
        {
            var parts = validated!.Subject.Split(':');
            if (parts.Length != 4 || parts[0] != "system" || parts[1] != "serviceaccount"
                || !Bound(role.BoundServiceAccountNamespaces, parts[2]) || !Bound(role.BoundServiceAccountNames, parts[3]))
            {
                return VaultAnswer.Error(403, "denied:ServiceAccount", "permission denied");
            }

            metadata["service_account_name"] = parts[3];
            metadata["service_account_namespace"] = parts[2];
            metadata["service_account_uid"] = string.Empty;
            metadata["service_account_secret_name"] = string.Empty;
        }
        else if (role.BoundSubject is { } subject && subject != validated!.Subject)
        {
            return VaultAnswer.Error(403, "denied:Subject", "permission denied");
        }

        var token = state.IssueToken(request.Namespace, mount, roleName, role, metadata);
        return VaultAnswer.Ok(VaultJson.Envelope(auth: Auth(token, token.Created)));
    }

    public static VaultAnswer LookupSelf(VaultToken token, DateTimeOffset now)
    {
        var meta = new JsonObject();
        foreach (var (key, value) in token.Metadata)
        {
            meta[key] = value;
        }

        return VaultAnswer.Ok(VaultJson.Envelope(new JsonObject
        {
            ["accessor"] = token.Accessor,
            ["creation_time"] = token.Created.ToUnixTimeSeconds(),
            ["creation_ttl"] = VaultJson.Seconds(token.CreationTtl),
            ["display_name"] = token.Path.Split('/')[1] + "-" + token.Role,
            ["entity_id"] = EntityId(token),
            ["expire_time"] = VaultJson.Time(token.Expires),
            ["explicit_max_ttl"] = 0,
            ["id"] = token.Id,
            ["issue_time"] = VaultJson.Time(token.Created),
            ["last_renewal_time"] = token.LastRenewal.ToUnixTimeSeconds(),
            ["meta"] = meta,
            ["num_uses"] = 0,
            ["orphan"] = true,
            ["path"] = token.Path,
            ["policies"] = Array(token.Policies),
            ["renewable"] = true,
            ["ttl"] = VaultJson.Seconds(token.Expires - now),
            ["type"] = "service",
        }));
    }

    public VaultAnswer RenewSelf(VaultRequest request, VaultToken token)
    {
        TimeSpan? increment;
        try
        {
            increment = VaultJson.Duration(request.Body["increment"]);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return VaultAnswer.BadRequest("invalid increment");
        }

        var now = state.Time.GetUtcNow();
        var wanted = increment is { } i && i > TimeSpan.Zero ? i : token.Increment;
        JsonArray? warnings = null;
        lock (state.Gate)
        {
            var expires = now + wanted;
            if (expires > token.MaxExpires)
            {
                expires = token.MaxExpires;
                warnings = [$"TTL of \"{GoDuration(wanted)}\" exceeded the effective max_ttl of \"{GoDuration(token.MaxExpires - now)}\"; TTL value is capped accordingly"];
            }

            token.Expires = expires;
            token.LastRenewal = now;
        }

        return VaultAnswer.Ok(VaultJson.Envelope(auth: Auth(token, now), warnings: warnings));
    }

    public VaultAnswer RevokeSelf(VaultToken token)
    {
        state.RevokeToken(token.Id);
        return VaultAnswer.NoContent();
    }

    /// <summary>A Go <c>time.Duration</c> string (<c>1h0m0s</c>), as Vault's warnings print TTLs.</summary>
    public static string GoDuration(TimeSpan span)
    {
        var seconds = VaultJson.Seconds(span);
        var h = seconds / 3600;
        var m = seconds % 3600 / 60;
        var s = seconds % 60;
        return h > 0 ? string.Create(CultureInfo.InvariantCulture, $"{h}h{m}m{s}s")
            : m > 0 ? string.Create(CultureInfo.InvariantCulture, $"{m}m{s}s")
            : string.Create(CultureInfo.InvariantCulture, $"{s}s");
    }

    private static JsonObject Auth(VaultToken token, DateTimeOffset now)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in token.Metadata)
        {
            metadata[key] = value;
        }

        return new JsonObject
        {
            ["client_token"] = token.Id,
            ["accessor"] = token.Accessor,
            ["policies"] = Array(token.Policies),
            ["token_policies"] = Array(token.Policies),
            ["identity_policies"] = null,
            ["metadata"] = metadata,
            ["lease_duration"] = VaultJson.Seconds(token.Expires - now),
            ["renewable"] = true,
            ["entity_id"] = EntityId(token),
            ["token_type"] = "service",
            ["orphan"] = true,
            ["mfa_requirement"] = null,
            ["num_uses"] = 0,
        };
    }

    private static string EntityId(VaultToken token) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token.Path + "\u0000" + string.Join(',', token.Metadata.Values)))[..16]).ToString();

    private static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(p => (JsonNode?)JsonValue.Create(p))]);

    private static bool Bound(IReadOnlyList<string> allowed, string value) => allowed.Contains("*") || allowed.Contains(value);
}
