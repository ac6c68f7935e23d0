using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>
/// Everything the emulated Vault holds: KV secrets (v2 with versions, v1 flat) per namespace, issued tokens and
/// dynamic leases, the sealed flag. One lock; the emulator's load is a handful of clients.
/// </summary>
public sealed class VaultState(VaultOptions options, TimeProvider time)
{
    private readonly Dictionary<string, List<VaultKvVersion>> _kv2 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _kv1 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VaultToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VaultLease> _leases = new(StringComparer.Ordinal);

    public VaultOptions Options => options;

    public TimeProvider Time => time;

    public Lock Gate { get; } = new();

    /// <summary>Every request answers 503 "Vault is sealed" while set.</summary>
    public bool Sealed { get; set; }

    /// <summary>Writes a new KV v2 version and returns it.</summary>
    public VaultKvVersion WriteKv2(string ns, string path, JsonObject data)
    {
        lock (Gate)
        {
            var key = Key(ns, path);
            if (!_kv2.TryGetValue(key, out var versions))
            {
                _kv2[key] = versions = [];
            }

            var version = new VaultKvVersion(versions.Count + 1, (JsonObject)data.DeepClone(), time.GetUtcNow());
            versions.Add(version);
            return version;
        }
    }

    /// <summary>All versions of a KV v2 secret (oldest first), or null.</summary>
    public IReadOnlyList<VaultKvVersion>? Kv2(string ns, string path)
    {
        lock (Gate)
        {
            return _kv2.TryGetValue(Key(ns, path), out var versions) ? [.. versions] : null;
        }
    }

    /// <summary>
    /// <c>delete/</c>, <c>undelete/</c> or <c>destroy/</c> of the given versions (numbers that do not exist are ignored, as
    /// Vault does); false when the secret does not exist.
    /// </summary>
    public bool ChangeKv2Versions(string ns, string path, IEnumerable<int> numbers, string action)
    {
        lock (Gate)
        {
            if (!_kv2.TryGetValue(Key(ns, path), out var versions))
            {
                return false;
            }

            foreach (var n in numbers)
            {
                if (n < 1 || n > versions.Count)
                {
                    continue;
                }

                var version = versions[n - 1];
                switch (action)
                {
                    case "delete":
                        version.Deleted ??= time.GetUtcNow();
                        break;
                    case "undelete" when !version.Destroyed:
                        version.Deleted = null;
                        break;
                    case "destroy":
                        // The data itself is dropped, not just hidden.
                        versions[n - 1] = version with { Data = new JsonObject(), Destroyed = true };
                        break;
                }
            }

            return true;
        }
    }

    /// <summary>Soft-deletes the latest version.</summary>
    public bool DeleteKv2Latest(string ns, string path)
    {
        lock (Gate)
        {
            if (!_kv2.TryGetValue(Key(ns, path), out var versions) || versions.Count == 0)
            {
                return false;
            }

            versions[^1].Deleted ??= time.GetUtcNow();
            return true;
        }
    }

    public void WriteKv1(string ns, string path, JsonObject data)
    {
        lock (Gate)
        {
            _kv1[Key(ns, path)] = (JsonObject)data.DeepClone();
        }
    }

    public JsonObject? Kv1(string ns, string path)
    {
        lock (Gate)
        {
            return _kv1.TryGetValue(Key(ns, path), out var data) ? (JsonObject)data.DeepClone() : null;
        }
    }

    public bool DeleteKv1(string ns, string path)
    {
        lock (Gate)
        {
            return _kv1.Remove(Key(ns, path));
        }
    }

    /// <summary>The keys directly under <paramref name="prefix"/> (folders end in <c>/</c>), sorted; v2 or v1.</summary>
    public IReadOnlyList<string> List(string ns, string prefix, bool v2)
    {
        lock (Gate)
        {
            var start = Key(ns, prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/");
            IEnumerable<string> keys = v2 ? _kv2.Keys : _kv1.Keys;
            return [.. keys.Where(k => k.StartsWith(start, StringComparison.Ordinal))
                .Select(k => k[start.Length..])
                .Select(rest => rest.Contains('/', StringComparison.Ordinal) ? rest[..(rest.IndexOf('/', StringComparison.Ordinal) + 1)] : rest)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)];
        }
    }

    public VaultToken IssueToken(string ns, string mount, string roleName, VaultRole role, IReadOnlyDictionary<string, string> metadata)
    {
        var now = time.GetUtcNow();
        var token = new VaultToken
        {
            Id = "hvs." + RandomText(24),
            Accessor = RandomText(24),
            Namespace = ns,
            Path = $"auth/{mount}/login",
            Role = roleName,
            Policies = role.Policies,
            Metadata = metadata,
            Created = now,
            CreationTtl = role.TokenTtl,
            Increment = role.TokenTtl,
            MaxExpires = now + role.TokenMaxTtl,
            Expires = now + (role.TokenTtl < role.TokenMaxTtl ? role.TokenTtl : role.TokenMaxTtl),
            LastRenewal = now,
        };
        lock (Gate)
        {
            _tokens[token.Id] = token;
        }

        return token;
    }

    public VaultToken? FindToken(string id)
    {
        lock (Gate)
        {
            return _tokens.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<VaultToken> Tokens()
    {
        lock (Gate)
        {
            return [.. _tokens.Values];
        }
    }

    /// <summary>Revokes a token; its leases die with it (they are checked against their parent on every use).</summary>
    public bool RevokeToken(string id)
    {
        lock (Gate)
        {
            if (!_tokens.TryGetValue(id, out var token))
            {
                return false;
            }

            token.Revoked = true;
            foreach (var lease in _leases.Values.Where(l => l.ParentTokenId == id))
            {
                lease.Revoked = true;
            }

            return true;
        }
    }

    public VaultLease IssueLease(string ns, string path, VaultToken parent, DynamicRole role)
    {
        var now = time.GetUtcNow();
        var lease = new VaultLease
        {
            Id = path + "/" + RandomText(24),
            Namespace = ns,
            ParentTokenId = parent.Id,
            Username = "v-" + parent.Role + "-" + RandomText(12),
            Password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            Issued = now,
            MaxExpires = now + role.MaxTtl,
            Expires = now + (role.DefaultTtl < role.MaxTtl ? role.DefaultTtl : role.MaxTtl),
        };
        lock (Gate)
        {
            _leases[lease.Id] = lease;
        }

        return lease;
    }

    public VaultLease? FindLease(string id)
    {
        lock (Gate)
        {
            return _leases.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<VaultLease> Leases()
    {
        lock (Gate)
        {
            return [.. _leases.Values];
        }
    }

    /// <summary>Whether a lease is usable now: not revoked, not expired, and its parent token alive.</summary>
    public bool IsLive(VaultLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow();
        lock (Gate)
        {
            return !lease.Revoked && now < lease.Expires && _tokens.TryGetValue(lease.ParentTokenId, out var parent) && parent.IsLive(now);
        }
    }

    /// <summary>Whether <paramref name="username"/> is the username of a live lease (what a database would accept).</summary>
    public bool CredentialsValid(string username) => Leases().Any(l => l.Username == username && IsLive(l));

    /// <summary>Whether a database would accept this pair now: one live lease minted both.</summary>
    public bool CredentialsValid(string username, string password) =>
        Leases().Any(l => l.Username == username && l.Password == password && IsLive(l));

    private static string Key(string ns, string path) => ns + "\u0000" + path;

    private static string RandomText(int length) =>
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
}
