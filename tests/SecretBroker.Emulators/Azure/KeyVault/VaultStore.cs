using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>The vault's secrets: every version kept, the newest is the one a versionless get returns.</summary>
public sealed partial class VaultStore(TimeProvider time)
{
    /// <summary>Key Vault's limit on a secret value (25 KB).</summary>
    public const int MaxValueLength = 25 * 1024;

    private readonly Dictionary<string, List<VaultSecretVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static bool IsValidVersion(string version) => VersionPattern().IsMatch(version);

    /// <summary>Adds a new version (the secret is created on first set); it becomes the latest.</summary>
    public VaultSecretVersion Set(string name, string value, VaultSecretAttributes? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a Key Vault secret name ([0-9a-zA-Z-], 1-127 characters)");
        }

        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"the value is longer than {MaxValueLength} characters");
        }

        var now = time.GetUtcNow();
        var version = Apply(new VaultSecretVersion
        {
            Name = name,
            Version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Value = value,
            Created = now,
            Updated = now,
        }, attributes ?? new VaultSecretAttributes(), now);
        lock (_gate)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                _secrets[name] = versions = [];
            }

            versions.Add(version);
        }

        return version;
    }

    /// <summary>The named version, or the latest when <paramref name="version"/> is null; null when there is none.</summary>
    public VaultSecretVersion? Get(string name, string? version = null)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var versions)
                ? version is null ? versions[^1] : versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase))
                : null;
        }
    }

    /// <summary>Every version, oldest first; null when the secret does not exist.</summary>
    public IReadOnlyList<VaultSecretVersion>? Versions(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var versions) ? [.. versions] : null;
        }
    }

    /// <summary>The latest version of every secret, by name.</summary>
    public IReadOnlyList<VaultSecretVersion> Latest()
    {
        lock (_gate)
        {
            return [.. _secrets.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => s.Value[^1])];
        }
    }

    /// <summary>Changes one version's properties (the latest when <paramref name="version"/> is null); null when there is none.</summary>
    public VaultSecretVersion? Update(string name, string? version, VaultSecretAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        lock (_gate)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                return null;
            }

            var index = version is null ? versions.Count - 1 : versions.FindIndex(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            return versions[index] = Apply(versions[index], attributes, time.GetUtcNow());
        }
    }

    public bool Delete(string name)
    {
        lock (_gate)
        {
            return _secrets.Remove(name);
        }
    }

    private static VaultSecretVersion Apply(VaultSecretVersion v, VaultSecretAttributes a, DateTimeOffset now) => v with
    {
        Enabled = a.Enabled ?? v.Enabled,
        NotBefore = a.ClearNotBefore ? null : a.NotBefore ?? v.NotBefore,
        Expires = a.ClearExpires ? null : a.Expires ?? v.Expires,
        ContentType = a.ContentType ?? v.ContentType,
        Tags = a.Tags ?? v.Tags,
        Updated = now,
    };

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex VersionPattern();
}
