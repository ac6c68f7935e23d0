namespace SecretBroker.Emulators.Vault;

/// <summary>
/// The emulated Vault server (protocols.md §6): its auth roles (kubernetes and jwt methods), dynamic-secret roles and
/// mount names. Roles can be changed at run time through the admin API.
/// </summary>
public sealed class VaultOptions
{
    /// <summary>The audience a Vault role expects by default (what the pod's projected Vault token carries).</summary>
    public const string DefaultAudience = "vault";

    /// <summary>Roles of the <c>kubernetes</c> auth mount, by name. Default: <c>sidecar</c> bound to <c>apps/broker</c>.</summary>
    public Dictionary<string, VaultRole> KubernetesRoles { get; } = new(StringComparer.Ordinal)
    {
        ["sidecar"] = new VaultRole(),
    };

    /// <summary>Roles of the <c>jwt</c> auth mount, by name. Default: <c>sidecar</c> bound to the broker's subject.</summary>
    public Dictionary<string, VaultRole> JwtRoles { get; } = new(StringComparer.Ordinal)
    {
        ["sidecar"] = new VaultRole { BoundSubject = "system:serviceaccount:apps:broker" },
    };

    /// <summary>Roles of the dynamic <c>database</c> mount (<c>GET database/creds/&lt;role&gt;</c>). Default: <c>readonly</c>.</summary>
    public Dictionary<string, DynamicRole> DatabaseRoles { get; } = new(StringComparer.Ordinal)
    {
        ["readonly"] = new DynamicRole(),
    };

    /// <summary>
    /// Auth mounts (<c>POST auth/&lt;mount&gt;/login</c>) → their method, <c>kubernetes</c> or <c>jwt</c> (whose roles
    /// are <see cref="KubernetesRoles"/> or <see cref="JwtRoles"/>). Default: each method at its own name.
    /// </summary>
    public Dictionary<string, string> AuthMounts { get; } = new(StringComparer.Ordinal)
    {
        ["kubernetes"] = "kubernetes",
        ["jwt"] = "jwt",
    };

    public string KvV2Mount { get; set; } = "secret";

    public string KvV1Mount { get; set; } = "kv";

    public string DatabaseMount { get; set; } = "database";

    /// <summary>The <c>lease_duration</c> KV v1 reads answer (Vault's default 32 days: a refresh hint only).</summary>
    public TimeSpan KvV1LeaseHint { get; set; } = TimeSpan.FromSeconds(2764800);
}

/// <summary>
/// An auth role: who may log in (service account names/namespaces for kubernetes, <c>sub</c> for jwt; <c>*</c> any),
/// the JWT audience required, and the tokens it issues (ttl, max_ttl, policies).
/// </summary>
public sealed record VaultRole
{
    public IReadOnlyList<string> BoundServiceAccountNames { get; init; } = ["broker"];
    public IReadOnlyList<string> BoundServiceAccountNamespaces { get; init; } = ["apps"];

    /// <summary>jwt method only: the required <c>sub</c> (null = any).</summary>
    public string? BoundSubject { get; init; }

    public string Audience { get; init; } = VaultOptions.DefaultAudience;
    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan TokenMaxTtl { get; init; } = TimeSpan.FromHours(24);
    public IReadOnlyList<string> Policies { get; init; } = ["default", "sidecar"];
}

/// <summary>A dynamic-secret role: the lease it grants (default and max TTL).</summary>
public sealed record DynamicRole
{
    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromHours(24);
}
