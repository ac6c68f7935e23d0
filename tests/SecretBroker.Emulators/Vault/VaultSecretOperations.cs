using System.Globalization;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>
/// The secret engines: KV v2 (<c>data/</c>, <c>metadata/</c>, versions), KV v1 (flat), the dynamic <c>database</c>
/// mount (<c>creds/&lt;role&gt;</c> with a lease) and <c>sys/leases/renew|revoke</c>.
/// </summary>
internal sealed class VaultSecretOperations(VaultState state)
{
    public VaultAnswer Kv2(VaultRequest request, string rest)
    {
        var (kind, path) = rest.StartsWith("data/", StringComparison.Ordinal) ? ("data", rest[5..])
            : rest.StartsWith("metadata/", StringComparison.Ordinal) ? ("metadata", rest[9..])
            : rest.StartsWith("delete/", StringComparison.Ordinal) ? ("delete", rest[7..])
            : rest.StartsWith("undelete/", StringComparison.Ordinal) ? ("undelete", rest[9..])
            : rest.StartsWith("destroy/", StringComparison.Ordinal) ? ("destroy", rest[8..])
            : rest == "metadata" ? ("metadata", string.Empty)
            : (string.Empty, rest);
        return (kind, request.Verb) switch
        {
            ("data", "GET") => Kv2Read(request, path),
            ("data", "POST") => Kv2Write(request, path),
            ("data", "DELETE") => Deleted(state.DeleteKv2Latest(request.Namespace, path)),
            ("metadata", "GET") when path.Length > 0 => Kv2Metadata(request, path),
            ("metadata", "LIST") => List(state.List(request.Namespace, path, v2: true)),
            ("delete" or "undelete" or "destroy", "POST") => ChangeVersions(request, path, kind),
            ("data" or "metadata" or "delete" or "undelete" or "destroy", _) => VaultAnswer.Error(405, "method-not-allowed", "unsupported operation"),
            _ => VaultAnswer.NotFound(),
        };
    }

    public VaultAnswer Kv1(VaultRequest request, string path) => request.Verb switch
    {
        "GET" => state.Kv1(request.Namespace, path) is { } data
            ? VaultAnswer.Ok(VaultJson.Envelope(data, leaseDuration: VaultJson.Seconds(state.Options.KvV1LeaseHint), mountType: "kv"))
            : VaultAnswer.NotFound(),
        "POST" => WriteKv1(request, path),
        "DELETE" => Deleted(state.DeleteKv1(request.Namespace, path)),
        "LIST" => List(state.List(request.Namespace, path, v2: false)),
        _ => VaultAnswer.Error(405, "method-not-allowed", "unsupported operation"),
    };

    public VaultAnswer DatabaseCreds(VaultRequest request, string rest, VaultToken token)
    {
        if (request.Verb != "GET" || !rest.StartsWith("creds/", StringComparison.Ordinal))
        {
            return VaultAnswer.NotFound();
        }

        var roleName = rest[6..];
        DynamicRole? role;
        lock (state.Gate)
        {
            role = state.Options.DatabaseRoles.GetValueOrDefault(roleName);
        }

        if (role is null)
        {
            return VaultAnswer.BadRequest($"unknown role: {roleName}");
        }

        var lease = state.IssueLease(request.Namespace, $"{state.Options.DatabaseMount}/creds/{roleName}", token, role);
        var data = new JsonObject
        {
            ["username"] = lease.Username,
            ["password"] = lease.Password,
        };
        return VaultAnswer.Ok(VaultJson.Envelope(data, leaseId: lease.Id, renewable: true,
            leaseDuration: VaultJson.Seconds(lease.Expires - lease.Issued), mountType: "database"));
    }

    public VaultAnswer RenewLease(VaultRequest request, string? pathLeaseId)
    {
        var lease = FindLease(request, pathLeaseId);
        if (lease is null || !state.IsLive(lease))
        {
            return VaultAnswer.BadRequest("lease not found or lease is not renewable");
        }

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
        JsonArray? warnings = null;
        lock (state.Gate)
        {
            var wanted = increment is { } i && i > TimeSpan.Zero ? i : lease.Expires - lease.Issued;
            var expires = now + wanted;
            if (expires > lease.MaxExpires)
            {
                expires = lease.MaxExpires;
                warnings = [$"TTL of \"{VaultAuthOperations.GoDuration(wanted)}\" exceeded the effective max_ttl of \"{VaultAuthOperations.GoDuration(lease.MaxExpires - now)}\"; TTL value is capped accordingly"];
            }

            lease.Expires = expires;
            lease.Renewals++;
        }

        return VaultAnswer.Ok(VaultJson.Envelope(leaseId: lease.Id, renewable: true, leaseDuration: VaultJson.Seconds(lease.Expires - now), warnings: warnings));
    }

    public VaultAnswer RevokeLease(VaultRequest request, string? pathLeaseId)
    {
        var lease = FindLease(request, pathLeaseId);
        if (lease is null)
        {
            // Vault answers 204 for a lease it does not know (revocation is idempotent).
            return VaultAnswer.NoContent();
        }

        lock (state.Gate)
        {
            lease.Revoked = true;
        }

        return VaultAnswer.NoContent();
    }

    private VaultLease? FindLease(VaultRequest request, string? pathLeaseId)
    {
        var id = string.IsNullOrEmpty(pathLeaseId) ? request.Body["lease_id"]?.GetValue<string>() : pathLeaseId;
        return string.IsNullOrEmpty(id) || state.FindLease(id) is not { } lease || lease.Namespace != request.Namespace ? null : lease;
    }

    private VaultAnswer Kv2Read(VaultRequest request, string path)
    {
        var versions = state.Kv2(request.Namespace, path);
        if (versions is null || versions.Count == 0)
        {
            return VaultAnswer.NotFound();
        }

        var wanted = versions[^1];
        var versionText = request.Query["version"].ToString();
        if (versionText.Length > 0 && versionText != "0")
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return VaultAnswer.BadRequest("invalid version");
            }

            if (n < 1 || n > versions.Count)
            {
                return VaultAnswer.NotFound();
            }

            wanted = versions[n - 1];
        }

        if (wanted.Deleted is not null || wanted.Destroyed)
        {
            // A soft-deleted version: 404, yet the body still carries the metadata (hvac raises InvalidPath).
            return new VaultAnswer(404, VaultJson.Envelope(new JsonObject { ["data"] = null, ["metadata"] = VersionMetadata(wanted) }, mountType: "kv"), "deleted");
        }

        return VaultAnswer.Ok(VaultJson.Envelope(new JsonObject { ["data"] = wanted.Data.DeepClone(), ["metadata"] = VersionMetadata(wanted) }, mountType: "kv"));
    }

    private VaultAnswer Kv2Write(VaultRequest request, string path)
    {
        if (request.Body["data"] is not JsonObject data)
        {
            return VaultAnswer.BadRequest("no data provided");
        }

        if (request.Body["options"]?["cas"] is { } cas)
        {
            var current = state.Kv2(request.Namespace, path)?.Count ?? 0;
            if (cas.GetValue<int>() != current)
            {
                return VaultAnswer.BadRequest("check-and-set parameter did not match the current version");
            }
        }

        var version = state.WriteKv2(request.Namespace, path, data);
        return VaultAnswer.Ok(VaultJson.Envelope(VersionMetadata(version), mountType: "kv"));
    }

    private VaultAnswer Kv2Metadata(VaultRequest request, string path)
    {
        var versions = state.Kv2(request.Namespace, path);
        if (versions is null || versions.Count == 0)
        {
            return VaultAnswer.NotFound();
        }

        var byVersion = new JsonObject();
        foreach (var v in versions)
        {
            byVersion[v.Version.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["created_time"] = VaultJson.Time(v.Created),
                ["deletion_time"] = v.Deleted is { } d ? VaultJson.Time(d) : string.Empty,
                ["destroyed"] = v.Destroyed,
            };
        }

        return VaultAnswer.Ok(VaultJson.Envelope(new JsonObject
        {
            ["cas_required"] = false,
            ["created_time"] = VaultJson.Time(versions[0].Created),
            ["current_version"] = versions[^1].Version,
            ["custom_metadata"] = null,
            ["delete_version_after"] = "0s",
            ["max_versions"] = 0,
            ["oldest_version"] = 0,
            ["updated_time"] = VaultJson.Time(versions[^1].Created),
            ["versions"] = byVersion,
        }, mountType: "kv"));
    }

    // POST <mount>/{delete,undelete,destroy}/<path> {"versions":[1,2]} → 204; no versions → 400, as Vault answers.
    private VaultAnswer ChangeVersions(VaultRequest request, string path, string action)
    {
        if (request.Body["versions"] is not JsonArray numbers || numbers.Count == 0)
        {
            return VaultAnswer.BadRequest("no version number provided");
        }

        List<int> versions = [];
        foreach (var n in numbers)
        {
            if (n is not JsonValue value || !value.TryGetValue(out int number))
            {
                return VaultAnswer.BadRequest("error parsing versions");
            }

            versions.Add(number);
        }

        state.ChangeKv2Versions(request.Namespace, path, versions, action);
        return VaultAnswer.NoContent();
    }

    private VaultAnswer WriteKv1(VaultRequest request, string path)
    {
        if (request.Body.Count == 0)
        {
            return VaultAnswer.BadRequest("no data provided");
        }

        state.WriteKv1(request.Namespace, path, request.Body);
        return VaultAnswer.NoContent();
    }

    private static JsonObject VersionMetadata(VaultKvVersion version) => new()
    {
        ["created_time"] = VaultJson.Time(version.Created),
        ["custom_metadata"] = null,
        ["deletion_time"] = version.Deleted is { } d ? VaultJson.Time(d) : string.Empty,
        ["destroyed"] = version.Destroyed,
        ["version"] = version.Version,
    };

    private static VaultAnswer List(IReadOnlyList<string> keys) =>
        keys.Count == 0 ? VaultAnswer.NotFound()
            : VaultAnswer.Ok(VaultJson.Envelope(new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode?)JsonValue.Create(k))]) }, mountType: "kv"));

    // Vault answers 204 whether or not there was anything to delete.
    private static VaultAnswer Deleted(bool existed) => existed ? VaultAnswer.NoContent() : VaultAnswer.NoContent();
}
